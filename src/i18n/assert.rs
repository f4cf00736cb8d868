//! Checks the completeness tests of the areas share: every label and
//! message has words in both languages, and the Chinese words are Chinese.

use std::collections::HashSet;
use std::fmt::{Debug, Display};

use super::{Lang, Message, Phrase};

/// Whether `text` holds a CJK ideograph or CJK punctuation.
pub(crate) fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
    })
}

/// A message in English and in Chinese: both said, the Chinese in Chinese.
pub(crate) fn assert_chinese(en: &dyn Display, zh: &dyn Display) {
    let (en, zh) = (en.to_string(), zh.to_string());
    assert!(!en.trim().is_empty(), "no English text (Chinese: {zh:?})");
    assert!(!zh.trim().is_empty(), "no Chinese text (English: {en:?})");
    assert!(has_cjk(&zh), "not Chinese: {zh:?} (English: {en:?})");
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

/// Fails unless `sampled` names every one of `variants` (a variant may
/// have several samples, one per way it reads).
pub(crate) fn assert_covers<'a>(variants: &[&str], sampled: impl Iterator<Item = &'a str>) {
    let sampled: HashSet<&str> = sampled.collect();
    for variant in variants {
        assert!(sampled.contains(variant), "no sample of {variant}");
    }
}

/// Every sample said in both languages, the Chinese in Chinese.
pub(crate) fn assert_spoken<M: Message>(samples: &[M]) {
    for sample in samples {
        assert_chinese(&Lang::En.show(sample), &Lang::Zh.show(sample));
    }
}

#[test]
#[should_panic(expected = "no sample of B")]
fn a_variant_without_a_sample_fails() {
    assert_covers(&["A", "B"], ["A", "A"].into_iter());
}

#[test]
#[should_panic(expected = "not Chinese")]
fn english_where_chinese_belongs_fails() {
    assert_chinese(&"done", &"done");
}
