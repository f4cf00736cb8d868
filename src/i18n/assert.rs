//! Checks the completeness tests of the areas share: every label and
//! message has words in both languages, and the Chinese words are Chinese.

use std::fmt::Debug;

use super::{Lang, Phrase};

/// Whether `text` holds a CJK ideograph or CJK punctuation.
pub(crate) fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
    })
}

/// A message in English and in Chinese: both said, the Chinese in Chinese.
pub(crate) fn assert_chinese(en: &str, zh: &str) {
    assert!(!en.trim().is_empty(), "no English text (Chinese: {zh:?})");
    assert!(!zh.trim().is_empty(), "no Chinese text (English: {en:?})");
    assert!(has_cjk(zh), "not Chinese: {zh:?} (English: {en:?})");
}

/// Every label of a list, in both languages.
pub(crate) fn assert_phrases<P: Phrase + Debug>(all: &[P]) {
    for &phrase in all {
        let (en, zh) = (Lang::En.phrase(phrase), Lang::Zh.phrase(phrase));
        assert!(!en.trim().is_empty(), "{phrase:?} has no English words");
        assert!(!zh.trim().is_empty(), "{phrase:?} has no Chinese words");
        assert!(has_cjk(zh), "{phrase:?} is not Chinese: {zh:?}");
    }
}
