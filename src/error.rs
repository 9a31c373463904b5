//! The one error type: every failure the user can cause, printed as one line naming the file.

use std::fmt;

/// A failure that stops a document or the whole run. Its `Display` is one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Bad command-line usage or configuration (unknown rule, format, flag value).
    Usage(String),
    /// An input article could not be read or decoded.
    Input {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A reference CSV or configuration file is malformed.
    Data {
        /// The file.
        path: String,
        /// 1-based line, when known.
        line: Option<u64>,
        /// 1-based column, when known.
        column: Option<u64>,
        /// What went wrong.
        message: String,
    },
    /// Writing the output failed.
    Output(String),
}

impl Error {
    /// An input error for `path`.
    pub fn input(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Newlines in messages would break the one-line promise.
        let one = |s: &str| s.replace(['\n', '\r'], " ");
        match self {
            Error::Usage(m) => write!(f, "{}", one(m)),
            Error::Input { path, message } => write!(f, "{path}: {}", one(message)),
            Error::Data {
                path,
                line,
                column,
                message,
            } => {
                write!(f, "{path}")?;
                if let Some(l) = line {
                    write!(f, ":{l}")?;
                    if let Some(c) = column {
                        write!(f, ":{c}")?;
                    }
                }
                write!(f, ": {}", one(message))
            }
            Error::Output(m) => write!(f, "cannot write output: {}", one(m)),
        }
    }
}

impl std::error::Error for Error {}
