//! Embedding in other people's pages: the pym.js child protocol (NPR's pym.js 1.3) and AMP's
//! resize request, as pure functions of strings and numbers. The browser side is [`child`].
//!
//! Everything that comes from outside (the query string, messages) is parsed into plain values
//! here and validated; nothing from outside is ever written into markup.

pub mod child;

use crate::num::within;
use crate::scroll::Viewport;

/// What separates the fields of a pym message.
const SEP: &str = "xPYMx";

/// The longest child id accepted: pym's are element ids, short in practice.
const MAX_ID: usize = 64;

/// The embedding parameters the parent put in the query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// pym's id for this child: messages carry it both ways.
    pub child_id: String,
}

impl Params {
    /// Reads `childId` from a query string (`?a=b&childId=x`, with or without the `?`). A child
    /// id that is not a plain identifier (letters, digits, `-`, `_`, `.`, `:`) is refused: the
    /// page then behaves as if it were not embedded by pym.
    pub fn from_query(query: &str) -> Option<Params> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let raw = query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == "childId")
            .map(|(_, value)| value)?;
        let id = percent_decode(raw)?;
        valid_id(&id).then_some(Params { child_id: id })
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// Decodes `%xx` escapes and `+`; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = raw.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Whether the page's URL is an AMP frame's: AMP adds `amp=1` to the fragment (or the page's
/// author put it in the query).
pub fn is_amp(url: &str) -> bool {
    let Some((_, after)) = url.split_once(['?', '#']) else {
        return false;
    };
    after.split(['&', '#', '?']).any(|pair| pair == "amp=1")
}

/// A pym message for child `id`: `pymxPYMx<id>xPYMx<kind>xPYMx<payload>`.
pub fn message(id: &str, kind: &str, payload: &str) -> String {
    format!("pym{SEP}{id}{SEP}{kind}{SEP}{payload}")
}

/// The kind and payload of a pym message meant for child `id`; `None` for anything else.
pub fn parse_message<'a>(data: &'a str, id: &str) -> Option<(&'a str, &'a str)> {
    let rest = data.strip_prefix("pym")?.strip_prefix(SEP)?;
    let rest = rest.strip_prefix(id)?.strip_prefix(SEP)?;
    let (kind, payload) = rest.split_once(SEP)?;
    // pym's own pattern: the kind has no white space.
    (!kind.is_empty() && !kind.contains(char::is_whitespace)).then_some((kind, payload))
}

/// Whether a message from `origin` may be heard, given the configured allowed origins: `*` (any),
/// or a space-separated list of exact origins (`https://www.example.com`).
pub fn origin_allowed(origin: &str, allowed: &str) -> bool {
    allowed
        .split_whitespace()
        .any(|a| a == "*" || a.trim_end_matches('/') == origin)
}

/// The parent's view, from pym's `viewport-iframe-position`: what of it the page needs, in CSS
/// px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParentView {
    /// The parent window's height.
    pub height: f64,
    /// The iframe's top relative to the parent's viewport (negative once scrolled past).
    pub top: f64,
}

/// A number as JavaScript writes it (`String(n)`), or `None`. In the browser JavaScript reads it
/// back: Rust's float parser would add some 8 KB to the wasm. Natively (the tests) Rust does;
/// both take the whole word, exponents included, and refuse trailing junk.
fn number(word: &str) -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    {
        let n = js_sys::Number::from(wasm_bindgen::JsValue::from_str(word)).value_of();
        (!n.is_nan()).then_some(n)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        word.parse().ok()
    }
}

impl ParentView {
    /// Parses `"vw vh top left bottom right"`; `None` unless all six are finite numbers and the
    /// window has a size.
    pub fn parse(payload: &str) -> Option<ParentView> {
        let mut numbers = payload.split_whitespace().map(number);
        let mut next = || numbers.next().flatten().filter(|n| n.is_finite());
        let (width, height, top, _left, _bottom, _right) =
            (next()?, next()?, next()?, next()?, next()?, next()?);
        (width > 0.0 && height > 0.0).then_some(ParentView { height, top })
    }

    /// The part of the child page the reader can see, in the child's own coordinates (a
    /// full-height iframe never scrolls, so its page and viewport coincide).
    pub fn viewport(self) -> Viewport {
        Viewport {
            top: -self.top,
            height: self.height,
        }
    }
}

/// How far to move the graphic panel down from its place at the top of the story so that it
/// stays in the reader's view, as `position: sticky` would in a scrolling page: `story_top` and
/// `story_bottom` are the story's extent and `panel_height` the panel's, in the same coordinates
/// as `view`.
pub fn pinned_offset(view: Viewport, story_top: f64, story_bottom: f64, panel_height: f64) -> f64 {
    let room = (story_bottom - story_top - panel_height).max(0.0);
    within(view.top - story_top, 0.0, room)
}

/// A length for a pym message (a height, an offset): whole pixels, rounded up so nothing is cut
/// off, never negative.
pub fn px_payload(px: f64) -> String {
    format!("{}", px.max(0.0).ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_child_id_comes_from_the_query_and_must_be_plain() {
        let id = |q| Params::from_query(q).map(|p| p.child_id);
        assert_eq!(
            id("?initialWidth=640&childId=graphic-1&parentTitle=x"),
            Some("graphic-1".into())
        );
        assert_eq!(id("childId=a%3Ab"), Some("a:b".into()));
        assert_eq!(id("?initialWidth=640"), None);
        assert_eq!(id("?childId="), None);
        assert_eq!(
            id("?childId=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"),
            None
        );
        assert_eq!(id("?childId=<script>"), None);
        assert_eq!(id("?childId=a\"b"), None);
        assert_eq!(id("?childId=%zz"), None);
        assert_eq!(id(&format!("?childId={}", "a".repeat(65))), None);
    }

    #[test]
    fn amp_frames_are_known_by_their_marker() {
        assert!(is_amp("https://x.example/story/#amp=1"));
        assert!(is_amp("https://x.example/story/?a=b&amp=1"));
        assert!(!is_amp("https://x.example/story/#step-hor"));
        assert!(!is_amp("https://x.example/amp=1/"));
        assert!(!is_amp("https://x.example/?amp=10"));
    }

    #[test]
    fn messages_round_trip_and_others_are_ignored() {
        let m = message("g1", "height", "1240");
        assert_eq!(m, "pymxPYMxg1xPYMxheightxPYMx1240");
        assert_eq!(parse_message(&m, "g1"), Some(("height", "1240")));
        // Another child's message, a malformed one, a kind with white space.
        assert_eq!(parse_message(&m, "g2"), None);
        assert_eq!(parse_message("pymxPYMxg1xPYMxheight", "g1"), None);
        assert_eq!(parse_message("pymxPYMxg1xPYMxa bxPYMx1", "g1"), None);
        assert_eq!(parse_message("hello", "g1"), None);
        // The payload may itself hold the separator's letters or spaces.
        assert_eq!(
            parse_message(
                "pymxPYMxg1xPYMxviewport-iframe-positionxPYMx1 2 3 4 5 6",
                "g1"
            ),
            Some(("viewport-iframe-position", "1 2 3 4 5 6"))
        );
    }

    #[test]
    fn origins_are_matched_exactly_or_by_star() {
        assert!(origin_allowed("https://a.example", "*"));
        assert!(origin_allowed(
            "https://a.example",
            "https://b.example https://a.example/"
        ));
        assert!(!origin_allowed(
            "https://a.example.evil",
            "https://a.example"
        ));
        assert!(!origin_allowed("https://a.example", ""));
    }

    #[test]
    fn the_parent_view_parses_and_maps_into_the_child() {
        let v = ParentView::parse("1280 800 -1500 0 2500 1280").unwrap();
        assert_eq!(
            v.viewport(),
            Viewport {
                top: 1500.0,
                height: 800.0
            }
        );
        assert_eq!(ParentView::parse("1280 800 -1500 0 2500"), None);
        assert_eq!(ParentView::parse("1280 0 0 0 0 0"), None);
        assert_eq!(ParentView::parse("1280 800 NaN 0 0 0"), None);
        assert_eq!(ParentView::parse("a b c d e f"), None);
    }

    #[test]
    fn the_panel_stays_in_view_within_the_story() {
        let view = |top| Viewport { top, height: 800.0 };
        // Story from 300 to 5300, panel 800 high.
        assert_eq!(pinned_offset(view(0.0), 300.0, 5300.0, 800.0), 0.0);
        assert_eq!(pinned_offset(view(1000.0), 300.0, 5300.0, 800.0), 700.0);
        assert_eq!(pinned_offset(view(9000.0), 300.0, 5300.0, 800.0), 4200.0);
        assert_eq!(pinned_offset(view(1000.0), 300.0, 600.0, 800.0), 0.0);
    }

    #[test]
    fn lengths_are_whole_pixels_rounded_up() {
        assert_eq!(px_payload(1240.2), "1241");
        assert_eq!(px_payload(-3.0), "0");
    }
}
