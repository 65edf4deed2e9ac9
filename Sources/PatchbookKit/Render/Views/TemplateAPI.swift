/// The values a copy of `Templates/` (`--templates`) can use, written out as docs/templates.md
/// from the views themselves, so that the documentation cannot drift from what templates see.
enum TemplateAPI {
    /// The view each template is rendered with.
    static var roots: [(templates: String, view: any TemplateView.Type)] {
        [
            ("markdown/farm.md, markdown/change-request.md, markdown/server.md, every script in scripts/", PageView.self),
            ("the prose of each step, Content/steps/RULE.md", StepScopeView.self),
            ("markdown/index.md", IndexView.self),
            ("markdown/catalog.md", CatalogView.self),
            ("html/layout.html", LayoutView.self),
            ("text/plan.txt", PlanSummaryView.self),
            ("text/check.txt, markdown/status.md", StatusView.self),
            ("init/farm.yaml", StarterView.self),
        ]
    }

    /// Every kind of view, in the order the document describes them.
    static var views: [any TemplateView.Type] {
        [
            PageView.self, FarmBaseView.self, StepScopeView.self, FarmView.self, LevelView.self, NameView.self, AccountView.self,
            PackageView.self, ServerView.self, RegistryView.self, DatabaseView.self, PermissionRow.self,
            BackupView.self, BackupSpaceView.self, ContentDatabasesView.self, ContentDatabaseView.self, VerificationView.self,
            WarningView.self, WindowView.self, CentralAdminView.self, StepRangeView.self, VerifyStepsView.self, RollbackView.self,
            BackupGroupView.self, ChangeView.self, PersonView.self, ScheduleView.self, EstimatePhaseView.self,
            AssumptionsView.self, RiskView.self, ImpactView.self, WebApplicationView.self, SourceView.self, PhaseView.self, StepView.self,
            StepFactsView.self, StepServerView.self, InstallGroupView.self,
            IndexView.self, IndexFarmView.self, CatalogView.self, CatalogRowView.self, LayoutView.self, FarmNavView.self,
            PlanSummaryView.self, StepLineView.self, StatusView.self, ServerStatusView.self, CheckView.self, FileView.self,
            StarterView.self,
        ]
    }

    /// Views that answer the names of another after their own.
    static let extends: [String: String] = [
        "PageView": "FarmBaseView", "StepScopeView": "PageView", "PlanSummaryView": "FarmBaseView",
    ]

    static func markdown() -> String {
        var text = """
            # The template API

            What a copy of `Templates/` (`patchbook build --templates DIR`) can use. Each template is
            rendered with one view; a view's fields are its names, and a field that is a view or a list
            of views is entered with a section (`{{#field}}...{{/field}}`). A name a view lacks is looked
            up in the views around it, as Mustache does. Values are raw: each template escapes them for
            the language its `{{% CONTENT_TYPE: ... }}` pragma names. An absent value (where given, where
            known) renders nothing, and a section over it is skipped.

            swift-mustache parses every template you write, and patchbook renders what it parsed by swift-mustache's
            rules without its run-time type checks, which were most of a build's time. A template that
            uses what only swift-mustache renders (transforms such as `{{uppercased(name)}}`, parents
            and blocks) is rendered by swift-mustache itself: the same text, more slowly. A template
            whose text is exactly the built-in one is not parsed again but read compiled from the
            installed `Templates/precompiled.bin` (a copy of that file in your folder is not read);
            every other one is parsed at start-up. A template's name is its path without `.mustache`;
            `steps/`, `content/` and `warnings/` name Content's prose, and `cmd/NAME` and `batch/NAME`
            the two readings of `commands/NAME`, so a file in your folder giving one of those names
            is an error.

            This file is written from the views themselves (`make docs`); a test checks that it is current.

            ## Which view each template sees

            | Template | View |
            | --- | --- |

            """
        for root in roots { text += "| \(root.templates) | [\(name(root.view))](#\(name(root.view).lowercased())) |\n" }
        text += "\nWarning texts (`Content/warnings.yaml`) see the facts their warning gives, listed under\n[Warnings](#warnings).\n"
        for view in views {
            text += "\n## \(name(view))\n\n"
            if let parent = extends[name(view)] { text += "Also every name of [\(parent)](#\(parent.lowercased())).\n\n" }
            text += "| Name | Meaning |\n| --- | --- |\n"
            for field in view.fieldDocs { text += "| `\(field.name)` | \(field.meaning) |\n" }
        }
        text += "\n## Warnings\n\n| Code | Facts |\n| --- | --- |\n"
        for code in WarningCode.allCases {
            let facts = code.facts.map(\.rawValue).sorted().map { "`\($0)`" }.joined(separator: ", ")
            text += "| `\(code.rawValue)` | \(facts.isEmpty ? "none" : facts) |\n"
        }
        text += "\n| Fact | Meaning |\n| --- | --- |\n"
        for fact in WarningFact.allCases { text += "| `\(fact.rawValue)` | \(fact.meaning) |\n" }
        return text
    }

    private static func name(_ view: any TemplateView.Type) -> String { String(describing: view) }
}

extension TemplateView {
    /// Each field's name and meaning, for the documentation.
    static var fieldDocs: [(name: String, meaning: String)] { fields.list.map { ($0.name, $0.meaning) } }
}
