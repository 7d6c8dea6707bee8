//! The story's typed model, as the data files write it (serde) once validated (`load`).

use serde::Deserialize;
use std::fmt;

/// The statuses are the engine's vocabulary: defined, drawn and said in one place.
pub use crate::vocabulary::Status;

pub type Text = String;
pub type List<T> = Vec<T>;

/// The whole validated story.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub meta: Meta,
    /// In the article's order.
    pub steps: List<Step>,
    pub places: List<Place>,
    pub speakers: List<Speaker>,
    pub sources: List<Source>,
    /// The windows places are drawn in: the main map's and the locator's.
    pub windows: List<Window>,
    pub routes: List<Route>,
    /// In the order of the key and the bars.
    pub sides: List<Side>,
    pub factions: List<Faction>,
    pub relations: List<Relation>,
    /// Who holds what, per place, in story order.
    pub control: List<ControlChange>,
    /// The kinds of event, and how the map draws each.
    pub kinds: List<Kind>,
    /// The timeline, in date order.
    pub events: List<Event>,
    /// Uncertainties and disagreements between sources, in plain words.
    pub notes: List<Note>,
}

/// The page's masthead.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The line above the headline.
    pub kicker: Text,
    pub headline: Text,
    pub standfirst: Text,
    pub credit: Text,
    /// Id of the primary source.
    pub source: Text,
    /// The page's `<title>`.
    pub title: Text,
    /// The page's meta description.
    pub description: Text,
}

/// One scroll step: a passage of the article and what the graphic shows beside it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
    /// Id of the [`Place`] where it happens; none for a step about no one place.
    #[serde(default)]
    pub place: Option<Text>,
    /// The place the map centres on; the whole map window when absent.
    #[serde(default)]
    pub focus: Option<Text>,
    /// How far the map zooms in on `focus`: 1 shows the whole window, up to 4.
    #[serde(default)]
    pub zoom: Option<f64>,
    /// The step speaks of the time of the report, before the story goes back to May: its
    /// graphic shows the state at the end of the timeline.
    #[serde(default)]
    pub present: bool,
    /// Ids of [`Source`]s.
    pub sources: List<Text>,
    /// Prose and quotes, in reading order.
    pub body: List<Block>,
}

/// A piece of a step's body.
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
            (Some(text), None, None) => Ok(Block::Prose(text)),
            (None, Some(quote), Some(speaker)) => Ok(Block::Quote {
                text: quote,
                speaker,
            }),
            (None, Some(_), None) => Err("a quote needs a speaker".into()),
            (Some(_), _, _) => Err("a block is either text or a quote, not both".into()),
            (None, None, _) => Err("a block needs text or a quote".into()),
        }
    }
}

/// A place the story names.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: Text,
    pub name: Text,
    /// The label on the maps.
    pub short: Text,
    /// Which side of its marker the label sits on.
    #[serde(default)]
    pub label_side: LabelSide,
    /// The zoom from which the label shows (1 when absent): close places share a label at
    /// the widest view.
    #[serde(default)]
    pub label_zoom: Option<f64>,
    pub kind: PlaceKind,
    /// How well the position is known.
    pub precision: Precision,
    /// Degrees north (WGS 84); absent where the place cannot be located.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Degrees east (WGS 84).
    #[serde(default)]
    pub lon: Option<f64>,
    /// For approximate places: how far from `lat`/`lon` the place may be, in km.
    #[serde(default)]
    pub radius_km: Option<f64>,
    /// Ids of the [`Window`]s it is drawn in; its position must lie inside each.
    #[serde(default)]
    pub windows: List<Text>,
    pub sources: List<Text>,
    /// Ids of [`Note`]s about it.
    #[serde(default)]
    pub notes: List<Text>,
}

impl Place {
    /// Whether the map of window `id` draws it.
    pub fn drawn_in(&self, window: &str) -> bool {
        self.windows.iter().any(|w| w == window)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelSide {
    #[default]
    Right,
    Left,
    Above,
    Below,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceKind {
    City,
    Town,
    District,
    Base,
    Airport,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    /// Coordinates from a gazetteer or an official source.
    Exact,
    /// Somewhere within `radius_km` of the coordinates.
    Approximate,
    /// No source locates it: not drawn.
    Unknown,
}

/// A road the story names whose course no source gives: drawn straight between its ends,
/// as schematic.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: Text,
    pub name: Text,
    /// Ids of the [`Place`]s it links, drawn on the city map.
    pub from: Text,
    pub to: Text,
    /// The step whose text its note accompanies.
    pub step: Text,
    pub sources: List<Text>,
    /// Ids of [`Note`]s; at least one says how it is drawn.
    pub notes: List<Text>,
}

/// A rectangle of longitude and latitude that a map shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub id: Text,
    pub title: Text,
    pub role: WindowRole,
    /// Degrees east of the left edge, and so on.
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

/// What a window is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WindowRole {
    /// The main map, where the story happens.
    Map,
    /// The locator: the wider country, with the main map's window outlined.
    Locator,
}

impl Window {
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.west..=self.east).contains(&lon) && (self.south..=self.north).contains(&lat)
    }
}

/// A party to the story: an armed group, an institution, an organisation, the civilians.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faction {
    pub id: Text,
    pub name: Text,
    /// A label short enough for the chart.
    pub short: Text,
    /// Id of its [`Side`].
    pub side: Text,
    pub description: Text,
    pub sources: List<Text>,
}

/// A side factions are on: the map, the key, the chart and the movements paint it in its
/// colour.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side {
    pub id: Text,
    /// In the key, the bars and the words.
    pub name: Text,
    pub colour: Colour,
    /// The chart's group its factions sit in, 0 first, in reading order.
    pub column: u8,
    /// Whether the map's key shows it.
    #[serde(default)]
    pub key: bool,
    /// Whether the chart's bars count the bases its factions hold or claim.
    #[serde(default)]
    pub counted: bool,
}

/// An sRGB colour written "#rrggbb".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Colour(pub u32);

impl TryFrom<String> for Colour {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        s.strip_prefix('#')
            .filter(|hex| hex.len() == 6)
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .map(Colour)
            .ok_or_else(|| format!("colour \"{s}\" is not written \"#rrggbb\""))
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:06x}", self.0)
    }
}

/// How one faction stands to another, as of a step.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub from: Text,
    pub to: Text,
    pub kind: RelationKind,
    /// The step that first tells it.
    pub step: Text,
    #[serde(default)]
    pub date: Option<Date>,
    /// What the source says, in brief.
    pub summary: Text,
    pub sources: List<Text>,
    #[serde(default)]
    pub notes: List<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    Allied,
    Supports,
    PledgedAllegiance,
    Fighting,
    NotAuthorised,
    AwaitsAuthorisation,
    Accuses,
    SeeksCeasefire,
    Harms,
}

/// A change of who holds a place, or of what is said about it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlChange {
    pub place: Text,
    /// The faction holding (or said to hold, or to have left) the place.
    pub holder: Text,
    pub status: Status,
    /// The step from which it holds.
    pub step: Text,
    #[serde(default)]
    pub date: Option<Date>,
    /// The source's words for the time where it gives no date.
    #[serde(default)]
    pub when: Option<Text>,
    pub summary: Text,
    pub sources: List<Text>,
    #[serde(default)]
    pub notes: List<Text>,
}

/// Something that happened, on the timeline.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Text,
    /// Id of its [`Kind`].
    pub kind: Text,
    pub title: Text,
    /// The step that tells it.
    pub step: Text,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub when: Option<Text>,
    pub places: List<Text>,
    pub factions: List<Text>,
    pub sources: List<Text>,
    #[serde(default)]
    pub notes: List<Text>,
}

/// A kind of event, and how the map draws one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    pub id: Text,
    /// In the map's key, for a kind it draws.
    pub name: Text,
    /// How the map draws an event of the kind; not at all when absent.
    #[serde(default)]
    pub draw: Option<Draw>,
    /// For a kind drawn between two places: what a screen reader hears when it is, with
    /// `{from}` and `{to}` for the places' names.
    #[serde(default)]
    pub words: Option<Text>,
}

/// How the map draws an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Draw {
    /// A bowed line from the event's first place to its second, with an arrowhead (a retreat,
    /// an advance).
    Arrow,
    /// Dashed arcs from the first place over the second (raids).
    Fan,
    /// A burst on the first place (a place overrun).
    Burst,
}

impl Draw {
    /// Whether it is drawn between two places.
    pub fn is_line(self) -> bool {
        matches!(self, Draw::Arrow | Draw::Fan)
    }
}

/// An uncertainty or a disagreement between sources, said plainly for readers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: Text,
    pub title: Text,
    pub text: Text,
    pub sources: List<Text>,
}

/// Someone quoted, described as the article describes them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    pub id: Text,
    pub name: Text,
    pub role: Text,
}

/// A source of facts.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Text,
    /// The headline or title as published; in [brackets] a description where the copy read
    /// shows none.
    pub title: Text,
    pub outlet: Text,
    /// When it was published, where known.
    #[serde(default)]
    pub published: Option<Date>,
    /// When it was read, for sources that change (encyclopaedias, gazetteers).
    #[serde(default)]
    pub consulted: Option<Date>,
    /// Where it can be read; shown as text and a plain link, never fetched by the page.
    #[serde(default)]
    pub url: Option<Text>,
    /// Which facts are taken from it.
    #[serde(default)]
    pub used_for: Option<Text>,
}

/// A calendar date known to the month or to the day. Orders chronologically, a month before
/// any of its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
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
