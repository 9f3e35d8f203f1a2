//! Helpdesk macro exports in JSON: Zendesk, Gorgias, Intercom, or a
//! generic collection declared in the configuration.
//!
//! STUB — to be replaced by the JSON reader.

use super::{Collection, CollectionSpec, ContainerError};

/// The replies of a JSON source, or `Ok(None)` when it is not a collection
/// of replies this reader knows (and no `spec` says how to read it).
pub fn replies(
    text: &str,
    spec: Option<&CollectionSpec>,
) -> Result<Option<Collection>, ContainerError> {
    let _ = (text, spec);
    Ok(None)
}
