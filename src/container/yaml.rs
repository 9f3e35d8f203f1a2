//! YAML collections: GitHub saved replies, osTicket templates and canned
//! responses (`shapes`), a generic collection declared in the
//! configuration, and the front matter of a Markdown reply (`front`).
//! Documents are read into value trees with spans (`tree`), and every
//! scalar is mapped back to its bytes in the file (`scalar`).

mod front;
pub mod scalar;
mod shapes;
pub mod tree;

pub use front::{front_matter, FrontMatter};

use super::{collect, Collection, CollectionSpec, ContainerError};

/// The replies of a YAML source, or `Ok(None)` when it is not a collection
/// of replies this reader knows (and no `spec` says how to read it). Every
/// document of a multi-document stream is read. Malformed YAML is an error
/// where the parser stopped.
pub fn replies(
    text: &str,
    spec: Option<&CollectionSpec>,
) -> Result<Option<Collection>, ContainerError> {
    let documents = tree::parse(text)?;
    let mut found: Option<Collection> = None;
    for document in &documents {
        let collection = match spec {
            Some(spec) => Some(collect::by_spec(document, spec)?),
            None => shapes::read(document),
        };
        if let Some(collection) = collection {
            let all = found.get_or_insert_with(Collection::default);
            all.replies.extend(collection.replies);
            all.errors.extend(collection.errors);
        }
    }
    if found.is_none() && spec.is_some() {
        return Ok(Some(Collection::default()));
    }
    Ok(found)
}
