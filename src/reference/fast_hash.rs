//! A fast hasher for the reference's lookup tables (names, aliases, fact keys, the
//! per-document memo). Every claim probes these tables several times, and SipHash (the
//! default, built to resist hash flooding by untrusted keys) costs more than the rest of
//! a lookup. The keys are short names and numbers from the user's own reference files.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` hashed with [`FastHash`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHash>>;

/// Fx-style hashing, eight bytes per multiply.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHash(u64);

impl FastHash {
    /// Mixes one word in: the multiply spreads it over the high bits the table uses for
    /// its control bytes; the rotate keeps earlier input in play.
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            // The length keeps `ab` + `` apart from `a` + `b` within one key.
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_stored() {
        let mut m: FastMap<String, usize> = FastMap::default();
        let names = [
            "英伟达",
            "NVIDIA",
            "nvidia",
            "",
            "a",
            "ab",
            "中国大陆地区营收",
        ];
        for (i, n) in names.iter().enumerate() {
            m.insert(n.to_string(), i);
        }
        for (i, n) in names.iter().enumerate() {
            assert_eq!(m.get(*n), Some(&i));
        }
        assert_eq!(m.get("英伟"), None);
    }
}
