//! The languages wbs speaks to people (SPEC §3.6): which one a run uses,
//! and the one catalogue of everything it says, per language.
//!
//! # Choosing the language
//!
//! [`Lang::resolve`] takes `--lang`, else the first of `LANGUAGE`,
//! `LC_ALL`, `LC_MESSAGES` and `LANG` that names a language ([`locale`]),
//! else English. The context resolves it once from the environment it
//! captured at start-up, like today's date; nothing below reads the
//! environment.
//!
//! # The catalogue
//!
//! What wbs says is typed: a renderer never holds English text, it holds a
//! value that says *what* to say, and asks a [`Lang`] for the words.
//!
//! - A plain label (a heading, a status name, "first defined here") is a
//!   variant of a `Copy` enum that implements [`Phrase`]:
//!   `lang.phrase(Place::FirstDefined)` is a `&'static str`.
//! - A message with arguments is a variant with fields of an enum that
//!   implements [`Message`]: `lang.show(&Check::DuplicateId { id })` is a
//!   [`Display`](fmt::Display) value, written straight into the output.
//!
//! Each output area has one file of types here (`check.rs`: what
//! `wbs check` says; `syntax.rs`: YAML syntax errors in plain words;
//! `common.rs`: words every table shares, such as status names) and one
//! file of text per language, `en/AREA.rs` and `zh/AREA.rs`, each one
//! exhaustive `match` over the area's enums. A variant without its text in
//! both languages does not compile.
//!
//! Machine formats (JSON, CSV, GitHub annotations) are written in English
//! whatever the language: they ask [`Lang::En`] explicitly.
//!
//! # Adding a message
//!
//! 1. Add the variant to the area's enum (`src/i18n/AREA.rs`), with the
//!    arguments as fields (plan text already escaped, see
//!    [`crate::safe::excerpt`]).
//! 2. Add its arm to `en/AREA.rs` and to `zh/AREA.rs`: the compiler lists
//!    the arms missing.
//! 3. Add a sample of it to the area's samples (`tests.rs` for check and
//!    syntax, the `tests` module of the area's file for the others): the
//!    completeness test fails until every variant has one, and checks that
//!    the Chinese text is Chinese.
//!
//! A new area is a new enum file, a file per language, a `mod` line in
//! each `mod.rs`, and its samples; the enums are declared with
//! [`phrases!`](crate::phrases) and [`messages!`](crate::messages) so that
//! the test can list their variants, and get their words with one
//! `spoken!` line each (below).

/// The one way an area's type gets its words: `spoken!(message AREA:
/// Type => writer)` implements [`Message`] with `en::AREA::writer` and
/// `zh::AREA::writer`; `spoken!(phrase AREA: Type => words)` implements
/// [`Phrase`] the same way; `spoken!(display AREA: Type => writer, …)`
/// implements `Message` and an English `Display`, for the types raised as
/// errors (what logs and `{}` show).
macro_rules! spoken {
    (message $area:ident: $($name:ident => $write:ident),* $(,)?) => {$(
        impl $crate::i18n::Message for $name {
            fn write(
                &self,
                lang: $crate::i18n::Lang,
                out: &mut ::std::fmt::Formatter<'_>,
            ) -> ::std::fmt::Result {
                match lang {
                    $crate::i18n::Lang::En => $crate::i18n::en::$area::$write(self, out),
                    $crate::i18n::Lang::Zh => $crate::i18n::zh::$area::$write(self, out),
                }
            }
        }
    )*};
    (phrase $area:ident: $($name:ident => $words:ident),* $(,)?) => {$(
        impl $crate::i18n::Phrase for $name {
            fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                match lang {
                    $crate::i18n::Lang::En => $crate::i18n::en::$area::$words(self),
                    $crate::i18n::Lang::Zh => $crate::i18n::zh::$area::$words(self),
                }
            }
        }
    )*};
    (display $area:ident: $($name:ident => $write:ident),* $(,)?) => {
        spoken!(message $area: $($name => $write),*);
        $(
            /// In English, as logs and tests read it.
            impl ::std::fmt::Display for $name {
                fn fmt(&self, out: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    $crate::i18n::Message::write(self, $crate::i18n::Lang::En, out)
                }
            }
        )*
    };
}

#[cfg(test)]
mod assert;
pub mod check;
pub mod common;
pub mod diff;
pub mod edit;
mod en;
pub mod errors;
pub mod history;
pub mod import;
pub mod io;
pub mod locale;
pub mod merge;
pub mod setup;
pub mod syntax;
pub mod views;
mod zh;

#[cfg(test)]
mod tests;

use std::fmt;

/// A language wbs speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Lang {
    /// English
    #[default]
    En,
    /// Chinese (简体中文)
    Zh,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language of a run: `flag` (`--lang`) when given, else the first
    /// locale variable that names a language, else English.
    pub fn resolve(flag: Option<Lang>, locale: &locale::Locale) -> Lang {
        flag.or_else(|| locale.lang()).unwrap_or_default()
    }

    /// The words of a plain label in this language.
    pub fn phrase(self, phrase: impl Phrase) -> &'static str {
        phrase.text(self)
    }

    /// A message in this language, to write with `{}`.
    pub fn show<M: Message + ?Sized>(self, message: &M) -> Shown<'_, M> {
        Shown {
            lang: self,
            message,
        }
    }
}

/// A plain label: the same words every time, in each language.
pub trait Phrase: Copy {
    fn text(self, lang: Lang) -> &'static str;
}

/// A message with arguments, written in each language.
pub trait Message {
    fn write(&self, lang: Lang, out: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// A message shown in a language (see [`Lang::show`]).
pub struct Shown<'a, M: ?Sized> {
    lang: Lang,
    message: &'a M,
}

impl<M: Message + ?Sized> fmt::Display for Shown<'_, M> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message.write(self.lang, out)
    }
}

/// Declares a `Copy` enum of plain labels and its `ALL` list, for the
/// completeness test. The variants are unit variants.
#[macro_export]
macro_rules! phrases {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$variant_meta:meta])* $variant:ident,)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$variant_meta])* $variant,)*
        }

        impl $name {
            /// Every variant, for the test that each has its words.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
        }
    };
}

/// Declares an enum of messages with arguments and the names of its
/// variants, for the completeness test.
#[macro_export]
macro_rules! messages {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$variant_meta:meta])* $variant:ident $({ $($field:ident: $ty:ty),* $(,)? })?,)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $name {
            $($(#[$variant_meta])* $variant $({ $($field: $ty),* })?,)*
        }

        impl $name {
            /// The name of every variant, for the test that each has a sample.
            pub const VARIANTS: &'static [&'static str] = &[$(stringify!($variant),)*];

            /// This message's variant name.
            pub fn variant(&self) -> &'static str {
                match self {
                    $($name::$variant { .. } => stringify!($variant),)*
                }
            }
        }
    };
}
