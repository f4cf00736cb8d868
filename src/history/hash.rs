//! A fast, well-mixed 64-bit hash for history's caches and identities:
//! history hashes every version of a plan, so SipHash's strength against
//! chosen keys costs more than it buys here; every cache checks the text
//! behind an equal hash.

/// A fast hash of text: FxHash's multiply-and-rotate over 8-byte words,
/// then a murmur3 finish so that every bit, the low ones included, depends
/// on the whole text. Parts are hashed once each; equal hashes are checked
/// against the text.
pub(super) fn content_hash(text: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = text.as_bytes();
    let mut hash = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(eight)).wrapping_mul(K);
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    hash = (hash.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

/// Mixes a few words into one hash, as [`content_hash`] finishes.
pub(super) fn mix(words: &[u64]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut hash = words.len() as u64;
    for &word in words {
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_spread_and_differ() {
        assert_ne!(content_hash("a"), content_hash("b"));
        assert_ne!(content_hash(""), content_hash("\0"));
        assert_ne!(content_hash("abcdefgh"), content_hash("abcdefgh\0"));
        assert_ne!(mix(&[1, 2]), mix(&[2, 1]));
        // The low bits, which cut decisions use, vary.
        let low: std::collections::HashSet<u64> =
            (0..64).map(|n| content_hash(&n.to_string()) % 16).collect();
        assert_eq!(low.len(), 16);
    }
}
