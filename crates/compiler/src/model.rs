//! The story's typed model, as the data files write it (serde) once validated (`load`). The
//! `///` comments of the types the files hold are also the descriptions of the files' JSON
//! Schemas (`schema`), which editors show: they speak to the story's writer.

use schemars::JsonSchema;
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
    /// Names that orient the reader on the main map (places.toml's `[[landmark]]`s).
    pub landmarks: List<Landmark>,
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
    /// What the desk changed on the page after it was first published, in date order.
    pub corrections: List<Correction>,
}

/// A change the desk made to the published page, said to readers.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// When it was made: "YYYY-MM-DD".
    pub date: Date,
    /// What was wrong and what the page says now.
    pub text: Text,
}

/// The page's masthead.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The line above the headline.
    pub kicker: Text,
    /// The page's headline.
    pub headline: Text,
    /// The paragraph under the headline.
    pub standfirst: Text,
    /// Who reported and who made the page, under the standfirst.
    pub credit: Text,
    /// Id of the primary source (sources.toml).
    pub source: Text,
    /// The primary source's text, a file of the story's folder (e.g. "meed-2014-08.txt"): every
    /// step's text and quotes must occur in it, but the desk's own words (`desk = true`).
    #[serde(default)]
    pub article: Option<Text>,
    /// The page's `<title>`: the browser tab's and search engines' title.
    pub title: Text,
    /// The page's meta description: the summary search engines and link previews show.
    pub description: Text,
}

/// One scroll step: a passage of the article and what the graphic shows beside it.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Unique, lowercase letters, digits and hyphens; the deep link is `#step-<id>`.
    pub id: Text,
    /// A short summary, shown in the graphic's panel.
    pub title: Text,
    /// "YYYY-MM" or "YYYY-MM-DD", only where the article gives one; dated steps run in order.
    #[serde(default)]
    pub date: Option<Date>,
    /// The article's own words for the time where it gives no date.
    #[serde(default)]
    pub when: Option<Text>,
    /// Id of the place where it happens (places.toml); none for a step about no one place.
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
    /// Ids of sources (sources.toml).
    pub sources: List<Text>,
    /// Prose and quotes, in reading order: `[[step.body]]` entries.
    pub body: List<Block>,
}

/// A piece of a step's body.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(try_from = "RawBlock")]
#[schemars(with = "BlockSchema")]
pub enum Block {
    Prose(Text),
    /// The desk's own words, not the article's, and the ids of the sources they rest on.
    Desk {
        text: Text,
        sources: List<Text>,
    },
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
    #[serde(default)]
    desk: bool,
    sources: Option<Vec<String>>,
}

/// A block of a step's body, as its schema describes it: prose, or a quote with its speaker.
/// (`RawBlock` reads it, to say what is wrong with a block in plain words.)
#[derive(JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
#[allow(dead_code)] // only its schema is used
enum BlockSchema {
    Prose {
        /// Prose: the article's own words.
        text: Text,
    },
    Desk {
        /// Prose: the desk's own words, not the article's.
        text: Text,
        /// true: the text is the desk's, exempt from matching the article.
        desk: bool,
        /// Ids of the sources the desk's words rest on (sources.toml).
        sources: List<Text>,
    },
    Quote {
        /// Verbatim words.
        quote: Text,
        /// Id of the speaker who said them (speakers.toml).
        speaker: Text,
    },
}

impl TryFrom<RawBlock> for Block {
    type Error = String;

    fn try_from(raw: RawBlock) -> Result<Self, String> {
        if !raw.desk && raw.sources.is_some() {
            return Err("only the desk's own words (desk = true) cite sources in a block".into());
        }
        match (raw.text, raw.quote, raw.speaker) {
            (Some(_), None, None) if raw.desk && raw.sources.is_none() => {
                Err("the desk's own words (desk = true) need sources = [...]".into())
            }
            (Some(text), None, None) if raw.desk => Ok(Block::Desk {
                text,
                sources: raw.sources.unwrap_or_default(),
            }),
            (Some(text), None, None) => Ok(Block::Prose(text)),
            (None, Some(_), _) if raw.desk => {
                Err("a quote is never the desk's own words: desk = true is for text".into())
            }
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
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Unique; steps, events and control changes refer to it.
    pub id: Text,
    /// As the article spells it.
    pub name: Text,
    /// Its label on the maps.
    pub short: Text,
    /// Which side of its marker the label sits on.
    #[serde(default)]
    pub label_side: LabelSide,
    /// The zoom from which the label shows (1 when absent): close places share a label at
    /// the widest view.
    #[serde(default)]
    pub label_zoom: Option<f64>,
    /// What it is: the map draws each kind with its own symbol.
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
    /// Ids of the windows it is drawn in; its position must lie inside each.
    #[serde(default)]
    pub windows: List<Text>,
    /// Ids of the sources that name or locate it (sources.toml).
    pub sources: List<Text>,
    /// Ids of notes about it (notes.toml); an approximate or unknown place needs one saying how
    /// it was placed.
    #[serde(default)]
    pub notes: List<Text>,
    /// Why a place a step names is drawn in no window, where it is located (a place of unknown
    /// position says so in its note).
    #[serde(default)]
    pub not_drawn: Option<Text>,
}

impl Place {
    /// Whether the map of window `id` draws it.
    pub fn drawn_in(&self, window: &str) -> bool {
        self.windows.iter().any(|w| w == window)
    }
}

/// Which side of its marker a place's label sits on, where that fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LabelSide {
    #[default]
    Right,
    Left,
    Above,
    Below,
}

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceKind {
    City,
    Town,
    District,
    Base,
    Airport,
}

/// How well a place's position is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Unique among the routes.
    pub id: Text,
    /// Its name, written along it.
    pub name: Text,
    /// Id of the place it starts from, drawn on the main map.
    pub from: Text,
    /// Id of the place it leads to, drawn on the main map.
    pub to: Text,
    /// Id of the step whose text its note accompanies.
    pub step: Text,
    /// Ids of the sources that name it.
    pub sources: List<Text>,
    /// Ids of notes (notes.toml); at least one says how it is drawn.
    pub notes: List<Text>,
}

/// What a landmark is, for how its name is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LandmarkKind {
    /// A sea, a bay, a lagoon: its name in italics, in the water's colour.
    Water,
    /// A district, a quarter, a stretch of land: its name in small capitals, in grey.
    Land,
}

/// A name that orients the reader on the main map (the sea, a district): drawn behind the
/// story's places, where it takes none of their room. Nothing of the story happens there.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Landmark {
    /// Unique among the landmarks.
    pub id: Text,
    /// Its name as the map writes it.
    pub name: Text,
    pub kind: LandmarkKind,
    /// Where the name is centred (WGS 84, degrees), inside the main map's window.
    pub lat: f64,
    pub lon: f64,
    /// Ids of the sources that name and place it.
    pub sources: List<Text>,
}

/// A rectangle of longitude and latitude that a map shows.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// Unique; places name the windows they are drawn in.
    pub id: Text,
    /// Its name; the locator's is also the name of its country's polygon in geo/locator.toml.
    pub title: Text,
    /// Which map it is: one window is the main map, one the locator.
    pub role: WindowRole,
    /// Longitude of the left edge, degrees east.
    pub west: f64,
    /// Longitude of the right edge, degrees east.
    pub east: f64,
    /// Latitude of the bottom edge, degrees north.
    pub south: f64,
    /// Latitude of the top edge, degrees north.
    pub north: f64,
}

/// What a window is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Faction {
    /// Unique; relations, control changes and events refer to it.
    pub id: Text,
    /// Its full name.
    pub name: Text,
    /// A label short enough for the chart.
    pub short: Text,
    /// Id of its side (a `[[side]]` of this file).
    pub side: Text,
    /// Whether it can hold ground (an armed force): only such a faction holds or claims a
    /// place in control.toml.
    #[serde(default)]
    pub holds_ground: bool,
    /// Who it is, in a sentence.
    pub description: Text,
    /// Ids of the sources that describe it.
    pub sources: List<Text>,
}

/// A side factions are on: the map, the key, the chart and the movements paint it in its
/// colour.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Side {
    /// Unique, lowercase letters, digits and hyphens (a CSS class); factions name it.
    pub id: Text,
    /// In the key, the bars and the words.
    pub name: Text,
    /// "#rrggbb": the map, the key, the chart and the movements paint the side in it.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(try_from = "String")]
#[schemars(extend("pattern" = "^#[0-9a-fA-F]{6}$"))]
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
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Id of the faction that stands so to the other.
    pub from: Text,
    /// Id of the other faction.
    pub to: Text,
    /// How `from` stands to `to`.
    pub kind: RelationKind,
    /// Id of the step from which the chart shows it: the step that first tells it.
    pub step: Text,
    /// Where the source gives one: "YYYY-MM" or "YYYY-MM-DD".
    #[serde(default)]
    pub date: Option<Date>,
    /// What the source says, in brief.
    pub summary: Text,
    /// Ids of the sources that say it.
    pub sources: List<Text>,
    /// Ids of notes about it.
    #[serde(default)]
    pub notes: List<Text>,
}

/// How one faction stands to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlChange {
    /// Id of the place (places.toml).
    pub place: Text,
    /// Id of the faction holding (or said to hold, or to have left) the place.
    pub holder: Text,
    /// What is said of the place: claims are kept apart from facts.
    pub status: Status,
    /// Id of the first step whose map shows it; a place's changes run in story order.
    pub step: Text,
    /// "YYYY-MM" or "YYYY-MM-DD"; a place's dated changes run in date order.
    #[serde(default)]
    pub date: Option<Date>,
    /// The source's words for the time where it gives no date.
    #[serde(default)]
    pub when: Option<Text>,
    /// What the source says, in brief.
    pub summary: Text,
    /// The source's own words for it, copied: a claim's name the claim ("claims", "according
    /// to", "says"); a fact's (held, overrun, seized) do not speak of a claim.
    pub source_words: Text,
    /// Ids of the sources that say it.
    pub sources: List<Text>,
    /// Ids of notes about it.
    #[serde(default)]
    pub notes: List<Text>,
}

/// Something that happened, on the timeline.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique among the events.
    pub id: Text,
    /// Id of its kind (a `[[kind]]` of this file).
    pub kind: Text,
    /// What happened, in a line.
    pub title: Text,
    /// Id of the step that tells it.
    pub step: Text,
    /// "YYYY-MM" or "YYYY-MM-DD"; dated events run in date order.
    #[serde(default)]
    pub date: Option<Date>,
    /// The source's words for the time where it gives no date.
    #[serde(default)]
    pub when: Option<Text>,
    /// Ids of the places where it happened; a kind drawn as a line goes from the first to the
    /// second.
    pub places: List<Text>,
    /// Ids of the factions involved; a line takes the colour of the first one's side.
    pub factions: List<Text>,
    /// Ids of the sources that tell it.
    pub sources: List<Text>,
    /// Ids of notes about it.
    #[serde(default)]
    pub notes: List<Text>,
}

/// A kind of event, and how the map draws one.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    /// Unique; events name it.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Unique; places, relations, control changes and events name it.
    pub id: Text,
    /// The question it answers, as a heading.
    pub title: Text,
    /// What is uncertain or disputed, in plain words for readers.
    pub text: Text,
    /// Ids of the sources it weighs.
    pub sources: List<Text>,
}

/// Someone quoted, described as the article describes them.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    /// Unique, lowercase; quotes refer to it.
    pub id: Text,
    /// As the article gives it.
    pub name: Text,
    /// The article's description of them.
    pub role: Text,
}

/// A source of facts.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique; everything else cites it.
    pub id: Text,
    /// The headline or title as published; in [brackets] a description where the copy read
    /// shows none.
    pub title: Text,
    /// Who published it.
    pub outlet: Text,
    /// When it was published, where known: "YYYY-MM" or "YYYY-MM-DD".
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

/// A calendar date known to the month or to the day, written "YYYY-MM" or "YYYY-MM-DD". Orders
/// chronologically, a month before any of its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(try_from = "String")]
#[schemars(extend("pattern" = "^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$"))]
pub struct Date {
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31 where known.
    pub day: Option<u8>,
}

pub const MONTHS: [&str; 12] = [
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
