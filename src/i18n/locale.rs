//! The language the locale environment names: `LANGUAGE`, `LC_ALL`,
//! `LC_MESSAGES`, `LANG`, read in that order (SPEC §3.6).
//!
//! A locale name is `language[_territory][.codeset][@modifier]` (`zh_CN.UTF-8`,
//! `zh_TW.Big5`, `en_US`); wbs also reads the BCP 47 spelling (`zh-TW`,
//! `zh-Hans`) and a script instead of a territory (`zh_Hans`). Only the
//! language matters: `zh` is Chinese, simplified or traditional, and every
//! other language is English, the language wbs falls back to.
//!
//! `C` and `POSIX` (also `C.UTF-8`) are the locale of programs that want
//! no translation, and they name English: `LC_ALL=C` stops the search, as it
//! does in glibc, so `LC_ALL=C wbs …` prints English whatever `LANG` says.
//! An empty or unset variable, or one that names no language (`UTF-8`),
//! does not stop it: the next variable is read.
//!
//! `LANGUAGE` is a colon-separated list of preferences (`LANGUAGE=fr:zh`);
//! as in GNU gettext, a language wbs does not speak passes to the next
//! entry, and a list of only such languages means English.

use std::ffi::OsString;

use super::Lang;

/// The locale variables, as the process had them at start-up.
#[derive(Debug, Default, Clone)]
pub struct Locale {
    pub language: Option<OsString>,
    pub lc_all: Option<OsString>,
    pub lc_messages: Option<OsString>,
    pub lang: Option<OsString>,
}

impl Locale {
    /// The language the first variable that names one names, if any.
    pub fn lang(&self) -> Option<Lang> {
        if let Some(list) = text(&self.language) {
            let named: Vec<Named> = list.split(':').filter_map(named).collect();
            if let Some(lang) = named.iter().find_map(|n| n.spoken()) {
                return Some(lang);
            }
            if !named.is_empty() {
                return Some(Lang::En);
            }
        }
        [&self.lc_all, &self.lc_messages, &self.lang]
            .into_iter()
            .filter_map(text)
            .find_map(named)
            .map(|n| n.spoken().unwrap_or(Lang::En))
    }
}

/// What a locale name says about the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// `C`, `POSIX`: no translation.
    Untranslated,
    /// A language code, lower case.
    Language([u8; 3], usize),
}

impl Named {
    /// The language wbs speaks for this name; `None` for a language it
    /// does not speak.
    fn spoken(self) -> Option<Lang> {
        match self {
            Named::Untranslated => Some(Lang::En),
            Named::Language(code, len) => match &code[..len] {
                b"zh" => Some(Lang::Zh),
                b"en" => Some(Lang::En),
                _ => None,
            },
        }
    }
}

/// A variable's value, when it is set, valid UTF-8 and not blank.
fn text(value: &Option<OsString>) -> Option<&str> {
    value
        .as_deref()
        .and_then(|v| v.to_str())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// The language a locale name names: the part before `_`, `-`, `.` or `@`,
/// two or three ASCII letters (ISO 639), or `C`/`POSIX`.
fn named(name: &str) -> Option<Named> {
    let language = name.split(['_', '-', '.', '@']).next().unwrap_or_default();
    if language == "C" || language == "POSIX" {
        return Some(Named::Untranslated);
    }
    // A codeset alone (`UTF-8`, as macOS sets `LC_CTYPE`) names no
    // language; no ISO 639 code is `utf`.
    if language.eq_ignore_ascii_case("utf") {
        return None;
    }
    let len = language.len();
    if !(2..=3).contains(&len) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut code = [0u8; 3];
    for (slot, byte) in code.iter_mut().zip(language.bytes()) {
        *slot = byte.to_ascii_lowercase();
    }
    Some(Named::Language(code, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(vars: [Option<&str>; 4]) -> Option<Lang> {
        let [language, lc_all, lc_messages, lang] = vars.map(|v| v.map(OsString::from));
        Locale {
            language,
            lc_all,
            lc_messages,
            lang,
        }
        .lang()
    }

    fn lang(value: &str) -> Option<Lang> {
        locale([None, None, None, Some(value)])
    }

    #[test]
    fn chinese_in_every_spelling() {
        for name in [
            "zh",
            "zh_CN",
            "zh_CN.UTF-8",
            "zh_CN.utf8",
            "zh_Hans",
            "zh-Hans",
            "zh-TW",
            "zh_TW.Big5",
            "zh_HK.UTF-8@stroke",
            "ZH_cn",
            " zh_CN.UTF-8 ",
        ] {
            assert_eq!(lang(name), Some(Lang::Zh), "{name}");
        }
    }

    #[test]
    fn every_other_language_is_english() {
        for name in [
            "en_US.UTF-8",
            "en",
            "fr_FR",
            "de",
            "ja_JP.UTF-8",
            "yue_HK",
            "C",
            "POSIX",
            "C.UTF-8",
            "C.utf8",
        ] {
            assert_eq!(lang(name), Some(Lang::En), "{name}");
        }
    }

    #[test]
    fn what_names_no_language_is_passed_over() {
        for name in ["", "  ", "UTF-8", "zhongwen", "1", "@euro", "x"] {
            assert_eq!(lang(name), None, "{name:?}");
        }
        assert_eq!(locale([None; 4]), None);
    }

    #[test]
    fn the_first_variable_that_names_a_language_wins() {
        // LC_ALL over LANG, both ways.
        assert_eq!(
            locale([None, Some("zh_CN"), None, Some("en_US")]),
            Some(Lang::Zh)
        );
        assert_eq!(
            locale([None, Some("en_US"), None, Some("zh_CN")]),
            Some(Lang::En)
        );
        // LC_MESSAGES between them.
        assert_eq!(
            locale([None, None, Some("zh_TW"), Some("en_US")]),
            Some(Lang::Zh)
        );
        assert_eq!(locale([None, Some("fr"), Some("zh"), None]), Some(Lang::En));
        // LANGUAGE before all.
        assert_eq!(
            locale([Some("zh"), Some("en_US"), Some("en"), Some("en")]),
            Some(Lang::Zh)
        );
        assert_eq!(
            locale([Some("en"), Some("zh_CN"), None, None]),
            Some(Lang::En)
        );
        // C stops the search; an empty value does not.
        assert_eq!(
            locale([None, Some("C"), None, Some("zh_CN.UTF-8")]),
            Some(Lang::En)
        );
        assert_eq!(
            locale([None, Some("POSIX"), Some("zh"), None]),
            Some(Lang::En)
        );
        assert_eq!(
            locale([None, Some(""), Some(""), Some("zh_CN.UTF-8")]),
            Some(Lang::Zh)
        );
        assert_eq!(
            locale([Some(""), None, None, Some("zh_CN.UTF-8")]),
            Some(Lang::Zh)
        );
        assert_eq!(
            locale([None, Some("UTF-8"), None, Some("zh_CN")]),
            Some(Lang::Zh)
        );
    }

    #[test]
    fn language_is_a_list_of_preferences() {
        assert_eq!(
            locale([Some("fr:zh_CN:en"), None, None, None]),
            Some(Lang::Zh)
        );
        assert_eq!(locale([Some(":zh"), None, None, None]), Some(Lang::Zh));
        assert_eq!(locale([Some("en_GB:zh"), None, None, None]), Some(Lang::En));
        // Only languages wbs does not speak: English, without reading on.
        assert_eq!(
            locale([Some("fr:de"), None, None, Some("zh")]),
            Some(Lang::En)
        );
        // A list naming no language at all is passed over.
        assert_eq!(locale([Some(":"), None, None, Some("zh")]), Some(Lang::Zh));
    }

    #[test]
    fn the_flag_wins_over_the_locale() {
        let chinese = Locale {
            language: Some("zh".into()),
            lc_all: Some("zh_CN.UTF-8".into()),
            ..Locale::default()
        };
        assert_eq!(Lang::resolve(Some(Lang::En), &chinese), Lang::En);
        assert_eq!(Lang::resolve(None, &chinese), Lang::Zh);
        assert_eq!(Lang::resolve(Some(Lang::Zh), &Locale::default()), Lang::Zh);
        assert_eq!(Lang::resolve(None, &Locale::default()), Lang::En);
    }
}
