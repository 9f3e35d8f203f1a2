//! YAML collections: GitHub saved replies, osTicket templates and canned
//! responses, a generic collection declared in the configuration, and the
//! front matter of a Markdown reply.
//!
//! STUB — to be replaced by the YAML reader.

use super::{Collection, CollectionSpec, ContainerError, KeySuppression};

/// The replies of a YAML source, or `Ok(None)` when it is not a collection
/// of replies this reader knows (and no `spec` says how to read it).
pub fn replies(
    text: &str,
    spec: Option<&CollectionSpec>,
) -> Result<Option<Collection>, ContainerError> {
    let _ = (text, spec);
    Ok(None)
}

/// What a Markdown reply's front matter says about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title:` (or `name:`), naming the reply.
    pub name: Option<String>,
    /// `replylint: {ignore: […], reason: …}`.
    pub key_suppression: Option<KeySuppression>,
}

/// Reads the front matter (`---` … `---` at the very start) of a Markdown
/// reply, if it has one. Malformed YAML there is a located error.
pub fn front_matter(text: &str) -> Result<Option<FrontMatter>, ContainerError> {
    let _ = text;
    Ok(None)
}
