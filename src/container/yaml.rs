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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::test_support::{assert_exact, names};
    use crate::document::Markup;

    fn read(yaml: &str) -> Collection {
        replies(yaml, None).unwrap().unwrap()
    }

    #[test]
    fn github_saved_replies_are_markdown_named_by_name() {
        let yaml = "replies:\n  - name: Needs repro\n    body: |\n      Thanks for the report, {{ author }}!\n\n      Could you share a **minimal** repro?\n  - name: Duplicate\n    body: \"Closing as a duplicate of #12.\"\n";
        let collection = read(yaml);
        assert_eq!(collection.errors, vec![]);
        assert_eq!(names(&collection), ["Needs repro", "Duplicate"]);
        let first = &collection.replies[0];
        assert_eq!(first.markup, Markup::Markdown);
        assert_eq!(
            first.text,
            "Thanks for the report, {{ author }}!\n\nCould you share a **minimal** repro?\n"
        );
        let could = first.text.find("Could").unwrap();
        let at = yaml.find("Could").unwrap();
        assert_eq!(first.map.range(could..could + 5), at..at + 5);
        for reply in &collection.replies {
            assert_exact(yaml, reply);
        }
    }

    #[test]
    fn osticket_template_gives_subject_and_body() {
        let yaml = "#\n# Email template: made up for this test\n#\n---\nnotes: |\n    For the admin only.\n\nsubject: |\n    Re: %{ticket.subject}\nbody: |\n    <p>Dear %{recipient.name.first},</p>\n    <p>We replied.</p>\n";
        let collection = read(yaml);
        assert_eq!(collection.errors, vec![]);
        assert_eq!(names(&collection), ["subject", "body"]);
        assert_eq!(collection.replies[0].markup, Markup::Plain);
        assert_eq!(collection.replies[0].text, "Re: %{ticket.subject}\n");
        assert_eq!(collection.replies[1].markup, Markup::Html);
        let body = &collection.replies[1];
        let replied = body.text.find("We replied").unwrap();
        let at = yaml.find("We replied").unwrap();
        assert_eq!(body.map.range(replied..replied + 10), at..at + 10);
        for reply in &collection.replies {
            assert_exact(yaml, reply);
        }
    }

    #[test]
    fn osticket_page_template_is_one_reply_named_by_name() {
        let yaml = "---\nnotes: |\n    Shown after a made-up event.\n\nname: Thanks page\nbody: |\n    <div>Thank you, %{ticket.name}.</div>\n";
        let collection = read(yaml);
        assert_eq!(names(&collection), ["Thanks page"]);
        assert_eq!(collection.replies[0].markup, Markup::Html);
        assert_eq!(
            collection.replies[0].text,
            "<div>Thank you, %{ticket.name}.</div>\n"
        );
        assert_exact(yaml, &collection.replies[0]);
    }

    #[test]
    fn osticket_canned_responses_are_html_named_by_title() {
        let yaml = "---\n- isenabled: 1\n  title: Made-up sample\n  response: |\n    Hi %{ticket.name.first},\n    <br>\n    Your ticket is open.\n  notes: |\n    Internal.\n  attachments: []\n- isenabled: 0\n  title: No response here\n  notes: x\n- isenabled: 1\n  title: Counted\n  response: 12\n";
        let collection = read(yaml);
        assert_eq!(names(&collection), ["Made-up sample"]);
        assert_eq!(collection.replies[0].markup, Markup::Html);
        assert!(collection.replies[0]
            .text
            .starts_with("Hi %{ticket.name.first},\n<br>"));
        assert_exact(yaml, &collection.replies[0]);
        assert_eq!(collection.errors.len(), 2);
        assert!(collection.errors[0]
            .message
            .contains("`No response here` has no reply text"));
        assert_eq!(
            &yaml[collection.errors[0].span.clone().unwrap()],
            "No response here"
        );
        assert!(collection.errors[1].message.contains("is a number"));
        assert_eq!(&yaml[collection.errors[1].span.clone().unwrap()], "12");
    }

    #[test]
    fn other_yaml_is_not_a_collection() {
        for yaml in [
            "name: CI\non:\n  push:\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
            "rules:\n  - id: tone/flat-no\n    pattern: '\\bno\\b'\n",
            "",
            "# only a comment\n",
            "- a\n- b\n",
        ] {
            assert_eq!(replies(yaml, None).unwrap(), None, "{yaml:?}");
        }
    }

    #[test]
    fn malformed_yaml_is_a_located_error() {
        let yaml = "replies:\n  - name: x\n    body: \"unclosed\n";
        let error = replies(yaml, None).unwrap_err();
        assert!(error.span.is_some());
        assert!(error.message.starts_with("invalid YAML"));
    }

    #[test]
    fn replylint_key_and_aliases() {
        let yaml = "replies:\n  - name: Legal\n    replylint:\n      ignore: [tone/flat-no]\n      reason: approved wording\n    body: &legal No.\n  - name: Again\n    body: *legal\n";
        let collection = read(yaml);
        // The alias is linted where its anchor defines the text.
        assert_eq!(names(&collection), ["Legal"]);
        assert_eq!(collection.errors, vec![]);
        let key = collection.replies[0].key_suppression.as_ref().unwrap();
        assert_eq!(&yaml[key.rules[0].1.clone()], "tone/flat-no");
        assert_eq!(key.reason.as_deref(), Some("approved wording"));
    }

    #[test]
    fn generic_spec_on_yaml() {
        let spec = CollectionSpec {
            items: "snippets".to_owned(),
            text: vec!["text".to_owned()],
            name: Some("title".to_owned()),
            markup: Markup::Plain,
        };
        let yaml = "snippets:\n  hello:\n    text: >\n      Hi there,\n      thanks for writing.\n  bye:\n    title: Goodbye\n    text: 'See you!'\n";
        let collection = replies(yaml, Some(&spec)).unwrap().unwrap();
        assert_eq!(names(&collection), ["hello", "Goodbye"]);
        assert_eq!(
            collection.replies[0].text,
            "Hi there, thanks for writing.\n"
        );
        for reply in &collection.replies {
            assert_exact(yaml, reply);
        }
        let error = replies("other: 1\n", Some(&spec)).unwrap_err();
        assert!(error.message.contains("no `snippets`"));
    }

    #[test]
    fn mutated_yaml_never_panics() {
        let yaml = "# c\n---\nreplies:\n  - name: \"Zoë \\u00e9\"\n    replylint: {ignore: [a], reason: r}\n    body: |\n      Hi\ttab,\n        more\n\n      end\n  - name: b\n    body: >-\n      folded\n      line\n  - name: &n c\n    body: 'it''s\n      ok'\n---\n- title: t\n  response: plain\n    multi\n";
        let bytes = yaml.as_bytes();
        let mut inputs: Vec<String> = (0..=yaml.len())
            .filter_map(|end| yaml.get(..end).map(str::to_owned))
            .collect();
        for i in 0..bytes.len() {
            for b in [
                b'"', b'\\', b'\'', b'\t', b'\n', b' ', b'|', b'>', b'-', b':', b'*', b'&',
            ] {
                let mut mutated = bytes.to_vec();
                mutated[i] = b;
                inputs.extend(String::from_utf8(mutated));
            }
        }
        let mut with_replies = 0;
        for input in &inputs {
            match replies(input, None) {
                Ok(Some(collection)) => {
                    with_replies += usize::from(!collection.replies.is_empty());
                    for reply in &collection.replies {
                        assert_exact(input, reply);
                    }
                    for error in &collection.errors {
                        assert!(error.span.clone().unwrap().end <= input.len());
                    }
                }
                Ok(None) => {}
                Err(error) => assert!(error.span.unwrap().end <= input.len()),
            }
            let _ = front_matter(input);
        }
        // The loop must have read many inputs, not only rejected them.
        assert!(
            with_replies > inputs.len() / 4,
            "{with_replies} of {}",
            inputs.len()
        );
    }
}
