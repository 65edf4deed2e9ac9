import CCmark

/// Each step (a third-level heading and what follows it up to the next heading of its level or
/// above) becomes a `<section class="step">`, so the print stylesheet can keep a short step on
/// one page and its sign-off with it. cmark's custom blocks carry the tags; the Markdown is not
/// changed, so wikis see the same page.
enum StepSections {
    static let level: Int32 = 3

    static func wrap(in document: OpaquePointer) {
        var node = cmark_node_first_child(document)
        while let current = node {
            guard isHeading(current, atMost: level), cmark_node_get_heading_level(current) == level,
                let section = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
            else {
                node = cmark_node_next(current)
                continue
            }
            _ = cmark_node_set_on_enter(section, #"<section class="step">"#)
            _ = cmark_node_set_on_exit(section, "</section>")
            _ = cmark_node_insert_before(current, section)
            var member: OpaquePointer? = current
            repeat {
                guard let moving = member else { break }
                member = cmark_node_next(moving)
                cmark_node_unlink(moving)
                _ = cmark_node_append_child(section, moving)
            } while member.map { !isHeading($0, atMost: level) } ?? false
            node = member
        }
    }

    private static func isHeading(_ node: OpaquePointer, atMost level: Int32) -> Bool {
        cmark_node_get_type(node) == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) <= level
    }
}
