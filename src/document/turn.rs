//! The reply's place in its conversation: a first answer to the customer,
//! a follow-up inside an exchange, or the continuation of the agent's own
//! earlier message.
//!
//! A caller that knows the thread says so ([`Thread`]); otherwise the
//! reply's own words tell: a tweet numbered 2/2, text that starts in
//! lower case, with "…" or with a connective ("Also, …") continues an
//! earlier message; a reaction to the customer's answer ("Got it.",
//! "Okay!") or quoted history that already holds an earlier exchange marks
//! a follow-up. A reply seen alone is a first reply unless it reads as one
//! of these.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A reply's place in its conversation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Turn {
    /// The first answer to the customer's message.
    #[default]
    First,
    /// An answer inside an ongoing exchange: the customer answered the
    /// agent's question.
    FollowUp,
    /// The rest of the agent's own earlier message (a thread of tweets).
    Continuation,
    /// A message that answers no customer message: a status change, a
    /// reminder, a chaser ("We haven't heard back…").
    Notice,
}

/// Who wrote a message of a thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Author {
    Customer,
    Agent,
}

impl Author {
    /// The author a helpdesk's word names: `customer` (also `user`,
    /// `requester`, `end-user`, `client`) or `agent` (also `support`,
    /// `staff`, `assistant`, `admin`), in any case.
    pub fn from_word(word: &str) -> Option<Author> {
        match word.to_ascii_lowercase().as_str() {
            "customer" | "user" | "requester" | "end-user" | "end_user" | "client" => {
                Some(Author::Customer)
            }
            "agent" | "support" | "staff" | "assistant" | "admin" => Some(Author::Agent),
            _ => None,
        }
    }
}

/// A message before the reply, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub author: Author,
    pub text: String,
}

/// The conversation before a reply, as a caller knows it (a ticket
/// export's earlier comments, a chat transcript, a helpdesk integration).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Thread {
    pub previous: Vec<Message>,
}

impl Thread {
    /// The reply's turn after these messages: the agent already wrote last
    /// (continuation), earlier in the thread (follow-up), or not at all.
    pub fn turn(&self) -> Turn {
        match self.previous.last() {
            None => Turn::First,
            Some(last) if last.author == Author::Agent => Turn::Continuation,
            Some(_) if self.previous.iter().any(|m| m.author == Author::Agent) => Turn::FollowUp,
            Some(_) => Turn::First,
        }
    }

    /// What the customer last wrote, if the thread has it.
    pub fn last_from_customer(&self) -> Option<&str> {
        self.previous
            .iter()
            .rev()
            .find(|m| m.author == Author::Customer)
            .map(|m| m.text.as_str())
    }
}

/// "2/2", "(3/4)", "3/3:" numbering a message of a thread; the first
/// number is captured.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\A\s*\(?([2-9])\s?/\s?[2-9]\)?(?:[\s:.)-]|\z)|(?:\s|\()([2-9])\s?/\s?[2-9]\)?\s*\z)",
    )
    .expect("numbered regex")
});

/// Openings that carry on from an earlier message: a connective, "…",
/// or a numbered step past the first.
static CARRIES_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\A\s*(?:
            (?:\.\.\.|…)                       # … the rest of a sentence
          | [2-9][.)]\s                         # 2. a later step of a list
          | (?:also|additionally|in\ addition|furthermore|moreover|lastly|finally
              |plus|besides|as\ well|otherwise|alternatively|and|or)
            (?-u:\b)[\s,]
        )",
    )
    .expect("continuation regex")
});

/// Reactions to the customer's answer that open a follow-up.
static REACTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\A\s*(?:o+h?\s+)?(?:
            ok(?:ay)?|got\ it|gotcha|alright|all\ right|understood|noted
          | ah|aha|i\ see|perfect|awesome|in\ that\ case|if\ so|if\ yes|if\ not
          | no\ worries|no\ problem|not\ a\ problem|any\ ?time
          | sounds\ (?:good|great|fine|perfect)|that\ works
        )(?-u:\b)\s*[,.!:—–-]",
    )
    .expect("reaction regex")
});

/// Messages that answer no customer message: a status change of a ticket
/// or approval, a reminder, a chaser after silence. (Every `\b` here is
/// ASCII: a Unicode one sends the regex engine to its slow path on text
/// with ’ or é, and every document is read with these.)
static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(?:
            (?:your|this|the)\ (?:ticket|request|case|approval)(?:\ \#?\S+)?
              \ (?:has\ been|was|is\ now)\ (?:approved|rejected|resolved|closed|updated|reassigned)
          | according\ to\ our\ records
          | (?:second|third|final|last)\ attempt\ to\ (?:reach|contact)
          | (?:we|I)\ (?:haven['’]t|have\ not)\ heard\ (?:back|from\ you)
          | (?:just\ )?(?:following\ up|checking\ in)\ (?:on|about|to)
          | you\ are\ subscribed\ to
          | requested\ a\ password\ reset
          | you\ (?:sent\ us|received)\ (?:a|this)\ (?:message|mail|email)
          | (?:has|have)\ informed\ us\ that
          | (?:we|I)(?:['’]ve|\ have)\ (?:noticed|detected|been\ informed)
          | created\ a\ (?:ticket|case|request)(?-u:\b)[^\n]{0,80}?(?-u:\b)on\ your\ behalf
        )",
    )
    .expect("notice regex")
});

/// Quoted history that holds an earlier exchange: a nested quote or two
/// attribution lines.
static NESTED_QUOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s*>\s?>").expect("nested quote regex"));
/// Whether a line reads "On <date>, <someone> wrote:", quote markers aside.
/// (A line test, not a regex over the whole reply: a bounded `.{3,200}`
/// made the regex engine's fast path give up on every reply with history.)
fn is_attribution(line: &str) -> bool {
    let line = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    let line = line.trim_end();
    let Some(head) = line.get(..3) else {
        return false;
    };
    head.eq_ignore_ascii_case("on ")
        && line.len() <= 200
        && line
            .strip_suffix(':')
            .map(str::trim_end)
            .and_then(|rest| rest.get(rest.len().saturating_sub(5)..))
            .is_some_and(|word| word.eq_ignore_ascii_case("wrote"))
}

/// The turn a reply's own text shows: `prose` is the agent's prose (masks
/// applied), `opening` where it starts past the greeting, `source` the
/// whole reply with its quoted history.
pub fn read(source: &str, prose: &str, opening: Option<Range<usize>>) -> Turn {
    let start = opening.map_or(0, |o| o.start);
    let text = prose[start..].trim_start();
    // Only the ends of a reply say whether it is numbered, and only its
    // first lines whether it is a notice: every document is read here, so
    // no scan goes further than it needs to.
    let whole = prose.trim();
    let numbered = NUMBERED.is_match(head(whole, 16)) || NUMBERED.is_match(tail(whole, 16));
    if numbered || CARRIES_ON.is_match(text) || starts_lower_case(text) {
        return Turn::Continuation;
    }
    if NOTICE.is_match(head(text, NOTICE_REACH)) {
        return Turn::Notice;
    }
    if REACTS.is_match(text)
        || (source.contains(">>") || source.contains("> >")) && NESTED_QUOTE.is_match(source)
        || source.contains("wrote")
            && source
                .lines()
                .filter(|l| is_attribution(l))
                .nth(1)
                .is_some()
    {
        return Turn::FollowUp;
    }
    Turn::First
}

/// How far into a reply a notice shows itself, in bytes.
const NOTICE_REACH: usize = 300;

/// The first `n` bytes of `text`, cut back to a character boundary.
fn head(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The last `n` bytes of `text`, cut forward to a character boundary.
fn tail(text: &str, n: usize) -> &str {
    let mut start = text.len().saturating_sub(n);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// Whether the first word is all lower-case letters: a sentence that began
/// in an earlier message ("language installed on your PC?"). A brand
/// written with an inner capital ("eBay", "iPhone") is not.
fn starts_lower_case(text: &str) -> bool {
    let word: &str = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .next()
        .unwrap_or("");
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && word.chars().all(|c| !c.is_uppercase())
        && word.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn(text: &str) -> Turn {
        read(text, text, None)
    }

    #[test]
    fn a_reply_alone_is_a_first_reply() {
        for text in [
            "Thanks for writing in. Your refund left today.",
            "Please send us the order number.",
            "eBay orders ship from the seller.",
            "1/2 Thanks for the details, here is what happened.",
            "The update ships on 3/4 next year",
        ] {
            assert_eq!(turn(text), Turn::First, "{text}");
        }
    }

    #[test]
    fn numbered_connected_and_lower_case_openings_continue() {
        for text in [
            "2/2 Then restart the app.",
            "Then restart the app. 3/3",
            "(2/3) Then restart the app.",
            "Also, the export is under Reports.",
            "Additionally, you can change the plan.",
            "... the browser you use.",
            "3. Restart the router.",
            "language settings on your laptop?",
        ] {
            assert_eq!(turn(text), Turn::Continuation, "{text}");
        }
    }

    #[test]
    fn reactions_and_earlier_exchanges_follow_up() {
        for text in [
            "Got it. How long does the battery last now?",
            "Okay! Try the other cable.",
            "Oh okay, then the charger is fine.",
            "No worries! The code is on the receipt.",
            "Sounds good, Sam. We'll wait for the receipt.",
            "Try again.\n\nOn Mon, Ana wrote:\n> Not yet.\n> On Sun, Support wrote:\n>> Did it work?\n",
            "Try again.\n\nOn Mon, Zoë wrote:\n> Not yet.\n> On Sun, Support wrote:\n> Did it work?\n",
        ] {
            assert_eq!(turn(text), Turn::FollowUp, "{text}");
        }
    }

    #[test]
    fn attribution_lines_are_read_safely() {
        assert!(is_attribution("> On Mon, 3 May, Ana <ana@x.io> wrote:"));
        assert!(!is_attribution("On Monday we wrote the fix."));
        assert!(!is_attribution("On é wroté:"));
        assert!(!is_attribution("On"));
        assert!(!is_attribution("On ’’’’’:"));
    }

    #[test]
    fn notices_answer_no_message() {
        for text in [
            "Your ticket has been approved by the finance team.",
            "We haven't heard back from you, so we will close this request.",
            "Just checking in on the laptop repair.",
        ] {
            assert_eq!(turn(text), Turn::Notice, "{text}");
        }
    }

    #[test]
    fn a_thread_decides_when_given() {
        let message = |author, text: &str| Message {
            author,
            text: text.into(),
        };
        let mut thread = Thread::default();
        assert_eq!(thread.turn(), Turn::First);
        thread.previous.push(message(Author::Customer, "It broke."));
        assert_eq!(thread.turn(), Turn::First);
        thread.previous.push(message(Author::Agent, "Which model?"));
        assert_eq!(thread.turn(), Turn::Continuation);
        thread.previous.push(message(Author::Customer, "The X2."));
        assert_eq!(thread.turn(), Turn::FollowUp);
        assert_eq!(thread.last_from_customer(), Some("The X2."));
    }
}
