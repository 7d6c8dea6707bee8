//! The story's typed model.
//!
//! One set of types serves both sides of the build: the build script deserialises `data/` into
//! them (serde) and validates them, then writes them out as a Rust constant (databake), so the
//! wasm reads a static value and parses nothing at start-up. `Cow<'static, _>` is what makes that
//! possible: owned while parsing, borrowed from static memory once baked.
//!
//! This file is compiled twice (by `build.rs` through `#[path]` and as `crate::story::model`),
//! so it must not refer to anything outside itself but `std`, `serde` and `databake`.

use databake::Bake;
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// Text: owned when parsed, `&'static str` when baked.
pub type Text = Cow<'static, str>;
/// A list: owned when parsed, `&'static [T]` when baked.
pub type List<T> = Cow<'static, [T]>;

/// The whole validated story, as embedded in the app.
#[derive(Debug, Clone, PartialEq, Bake)]
#[databake(path = crate::story::model)]
pub struct Story {
    pub meta: Meta,
    /// In the article's order.
    pub steps: List<Step>,
    pub places: List<Place>,
    pub speakers: List<Speaker>,
    pub sources: List<Source>,
}

/// The page's masthead.
#[derive(Debug, Clone, PartialEq, Deserialize, Bake)]
#[databake(path = crate::story::model)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub headline: Text,
    pub standfirst: Text,
    pub credit: Text,
    /// Id of the primary source.
    pub source: Text,
}

/// One scroll step: a passage of the article and what the graphic shows beside it.
#[derive(Debug, Clone, PartialEq, Deserialize, Bake)]
#[databake(path = crate::story::model)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Unique; the deep link is `#step-<id>`.
    pub id: Text,
    pub title: Text,
    /// Only where the article gives one.
    #[serde(default)]
    pub date: Option<Date>,
    /// The article's own words for the time where it gives no date.
    #[serde(default)]
    pub when: Option<Text>,
    /// Id of a [`Place`].
    pub place: Text,
    /// Ids of [`Source`]s.
    pub sources: List<Text>,
    /// Prose and quotes, in reading order.
    pub body: List<Block>,
}

/// A piece of a step's body.
#[derive(Debug, Clone, PartialEq, Deserialize, Bake)]
#[databake(path = crate::story::model)]
#[serde(try_from = "RawBlock")]
pub enum Block {
    Prose(Text),
    /// Verbatim words and the id of the [`Speaker`] who said them.
    Quote {
        text: Text,
        speaker: Text,
    },
}

/// A block as written in TOML: `text = "…"` or `quote = "…", speaker = "…"`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    text: Option<String>,
    quote: Option<String>,
    speaker: Option<String>,
}

impl TryFrom<RawBlock> for Block {
    type Error = String;

    fn try_from(raw: RawBlock) -> Result<Self, String> {
        match (raw.text, raw.quote, raw.speaker) {
            (Some(text), None, None) => Ok(Block::Prose(text.into())),
            (None, Some(quote), Some(speaker)) => Ok(Block::Quote {
                text: quote.into(),
                speaker: speaker.into(),
            }),
            (None, Some(_), None) => Err("a quote needs a speaker".into()),
            (Some(_), _, _) => Err("a block is either text or a quote, not both".into()),
            (None, None, _) => Err("a block needs text or a quote".into()),
        }
    }
}

/// A place the story names.
#[derive(Debug, Clone, PartialEq, Deserialize, Bake)]
#[databake(path = crate::story::model)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: Text,
    pub name: Text,
    pub sources: List<Text>,
}

/// Someone quoted, described as the article describes them.
#[derive(Debug, Clone, PartialEq, Deserialize, Bake)]
#[databake(path = crate::story::model)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    pub id: Text,
    pub name: Text,
    pub role: Text,
}

/// A source of facts.
#[derive(Debug, Clone, PartialEq, Deserialize, Bake)]
#[databake(path = crate::story::model)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Text,
    pub title: Text,
    pub outlet: Text,
    pub published: Date,
}

/// A calendar date known to the month or to the day. Orders chronologically, a month before
/// any of its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Bake)]
#[databake(path = crate::story::model)]
#[serde(try_from = "String")]
pub struct Date {
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31 where known.
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// As a reader reads it: "29 July 2014", "May 2014".
    pub fn long(&self) -> String {
        let month = MONTHS[usize::from(self.month - 1)];
        match self.day {
            Some(day) => format!("{day} {month} {}", self.year),
            None => format!("{month} {}", self.year),
        }
    }
}

/// ISO form, as written in the data files: "2014-07-29", "2014-05".
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)?;
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl TryFrom<String> for Date {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        let bad = || format!("date \"{s}\" is not YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u16> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let (year, month, day) = match parts.as_slice() {
            [y, m] => (num(y, 4), num(m, 2), None),
            [y, m, d] => (num(y, 4), num(m, 2), Some(num(d, 2).ok_or_else(bad)?)),
            _ => return Err(bad()),
        };
        let (year, month) = (year.ok_or_else(bad)?, month.ok_or_else(bad)?);
        if !(1..=12).contains(&month) {
            return Err(format!("date \"{s}\" has no month {month}"));
        }
        let days_in_month = match month {
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if let Some(day) = day {
            if !(1..=days_in_month).contains(&day) {
                return Err(format!("date \"{s}\" has no day {day}"));
            }
        }
        Ok(Date {
            year,
            month: month as u8,
            day: day.map(|d| d as u8),
        })
    }
}
