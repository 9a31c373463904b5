//! The reference data compiled into the binary (`data/*.csv`), so numcheck works from any directory.

use super::AliasKind;

/// Every bundled file as (display name, contents), in load order: aliases, events, facts.
pub const FILES: [(&str, &str); 3] = [
    (
        "bundled:data/aliases.csv",
        include_str!("../../data/aliases.csv"),
    ),
    (
        "bundled:data/events.csv",
        include_str!("../../data/events.csv"),
    ),
    (
        "bundled:data/facts.csv",
        include_str!("../../data/facts.csv"),
    ),
];

/// Canonical names the bundled aliases may point to although no bundled fact uses them
/// yet, so that users' fact files can (e.g. `华为 → Huawei`). Anything else an alias
/// points to must appear in a bundled fact or event; a test enforces it.
pub const VOCABULARY: &[(AliasKind, &str)] = &[(AliasKind::Entity, "Huawei")];
