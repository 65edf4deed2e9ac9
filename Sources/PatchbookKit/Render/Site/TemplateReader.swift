import Foundation
import Mustache
import Yams

/// Reads template and prose files into one Mustache library, turning every problem into a
/// diagnostic with the file, line and column, so that a user's `--templates` copy is as easy to
/// fix as a farm description.
struct TemplateReader {
    struct File {
        let data: Data
        let display: String
    }

    var library = MustacheLibrary()
    var log = DiagnosticLog()
    /// Every name a file was read for, parsed or not, so that a broken template is not also reported missing.
    var names: Set<String> = []

    /// Every regular file under `directory`, by path relative to it, in sorted order.
    mutating func files(in directory: URL, display: String) -> [String: File] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else {
            log.error(.start(of: display), "cannot read the folder")
            return [:]
        }
        var files: [String: File] = [:]
        let root = directory.standardizedFileURL.path
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.count + 1))
            guard let data = try? Data(contentsOf: url) else {
                log.error(.start(of: "\(display)/\(relative)"), "cannot read the file")
                continue
            }
            files[relative] = File(data: data, display: "\(display)/\(relative)")
        }
        return files
    }

    /// Parses `file` as template `name`. Without `language`, the file must name its own content
    /// type in a pragma (partials do not inherit it from the page that includes them).
    mutating func register(_ file: File, as name: String, language: Escapers.Language?, lineOffset: Int = 0, body: String? = nil) {
        names.insert(name)
        guard let text = body ?? String(data: file.data, encoding: .utf8) else {
            log.error(.start(of: file.display), "the template is not UTF-8 text")
            return
        }
        var pragma = ""
        if let language {
            pragma = "{{% CONTENT_TYPE: \(language.rawValue) }}"
        } else if !text.hasPrefix("{{% CONTENT_TYPE:") {
            log.error(.start(of: file.display), "the template does not name its content type; start it with a line such as {{% CONTENT_TYPE: MARKDOWN }} (one of \(Escapers.Language.allCases.map(\.rawValue).joined(separator: ", ")))")
            return
        }
        do {
            library.register(try MustacheTemplate(string: pragma + text), named: name)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber
            let column = line == 1 ? max(1, error.context.columnNumber - pragma.count) : error.context.columnNumber
            log.error(SourceLocation(file: file.display, line: line + lineOffset, column: column), "template error: \(Self.describe(error.error))")
        } catch {
            log.error(.start(of: file.display), "template error: \(error)")
        }
    }

    /// `Content/steps/RULE.md`: a front matter with the step's `title`, then its Markdown body.
    mutating func steps(in directory: URL) -> [String: Templates.StepProse] {
        var steps: [String: Templates.StepProse] = [:]
        for (name, file) in files(in: directory, display: "Content/steps") where name.hasSuffix(".md") {
            let rule = String(name.dropLast(3))
            guard let text = String(data: file.data, encoding: .utf8), text.hasPrefix("---\n"),
                  let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else {
                log.error(.start(of: file.display), "a step file starts with a front matter: ---, title: ..., ---")
                continue
            }
            let front = String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound])
            guard let title = (try? Yams.load(yaml: front) as? [String: Any])?["title"] as? String else {
                log.error(SourceLocation(file: file.display, line: 2, column: 1), "the front matter needs a 'title'")
                continue
            }
            let lines = text[..<end.upperBound].filter { $0 == "\n" }.count
            register(file, as: "steps/\(rule)", language: .markdown, lineOffset: lines, body: String(text[end.upperBound...]))
            steps[rule] = Templates.StepProse(title: title, template: "steps/\(rule)", perServer: text.contains("onServer"))
        }
        return steps
    }

    /// `Content/warnings.yaml`: each warning code's text, registered as the template `warnings/CODE`.
    mutating func warnings(_ url: URL) -> Set<String> {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8),
              let texts = (try? Yams.load(yaml: text)) as? [String: String] else {
            log.error(.start(of: "Content/warnings.yaml"), "cannot read the warning texts: a map of warning codes to text")
            return []
        }
        for (code, body) in texts {
            register(File(data: Data(body.utf8), display: "Content/warnings.yaml (\(code))"), as: "warnings/\(code)", language: .text)
        }
        return Set(texts.keys)
    }

    /// `Content/labels.yaml`: a flat map of label keys to text.
    mutating func labels(_ url: URL) -> [String: String] {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8),
              let labels = (try? Yams.load(yaml: text)) as? [String: String] else {
            log.error(.start(of: "Content/labels.yaml"), "cannot read the labels: a map of keys to text")
            return [:]
        }
        return labels
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with"
        case .unfinishedName: return "a tag is not closed"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
            return "unknown pragma; the content types are \(Escapers.Language.allCases.map(\.rawValue).joined(separator: ", "))"
        default: return String(describing: error)
        }
    }
}
