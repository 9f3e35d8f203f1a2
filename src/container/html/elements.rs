//! What elements are to the rendered text: void, block, dropped raw text,
//! `<head>` content, or a helpdesk placeholder written as a tag.

/// Elements that have no content and no end tag.
pub(super) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements rendered as blocks of their own: their tags separate paragraphs.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Elements whose content is raw text that is never shown in a reply.
pub(super) fn is_dropped_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "title" | "textarea" | "iframe" | "noembed" | "noframes" | "xmp"
    )
}

/// Elements that may stay inside `<head>`; any other start tag ends it.
pub(super) fn is_head_content(name: &str) -> bool {
    matches!(
        name,
        "base"
            | "basefont"
            | "bgsound"
            | "head"
            | "link"
            | "meta"
            | "noscript"
            | "script"
            | "style"
            | "template"
            | "title"
    )
}

/// Whether a tag is a helpdesk placeholder that stays in the text as is:
/// Intercom `<attribute key="…"/>`, OTRS `<OTRS_CUSTOMER_REALNAME>`.
pub(super) fn is_placeholder_tag(name: &str) -> bool {
    name == "attribute" || name.starts_with("otrs_")
}

/// Elements whose whitespace is shown as it is.
pub(super) fn keeps_whitespace(name: &str) -> bool {
    matches!(name, "pre" | "listing")
}
