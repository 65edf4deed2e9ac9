/// Step prose, rendered once for every distinct way pages read it, and spliced into the pages.
///
/// The invariant: two pages get the same rendering of a step's prose exactly when the prose would
/// render alike on both. Prose that never reads `onServer` renders alike on every page of a farm
/// (callers give it the farm's page). Prose that reads `onServer` renders alike on two checklists
/// whose servers agree on every name the prose reads there (`Templates.StepProse.serverReads`,
/// partials included), and never like the farm page, which leaves `{{#onServer}}` sections out.
/// A level step's packages differ per level and per server, so they are part of what is compared.
final class StepBodies: Sendable {
    let templates: Templates
    /// The rendered bodies and the pages' marks for them.
    let pages = PageBodies()

    init(templates: Templates) {
        self.templates = templates
    }

    /// The mark standing for `step`'s prose as `scope` reads it. `packagesKey`, where the caller
    /// has it, is the fingerprint of `scope.step.packages`.
    func body(_ step: Plan.Step, _ prose: Templates.StepProse, scope: StepScopeView, packagesKey: [UInt8]? = nil) throws -> String {
        try pages.shared(key(step, prose, scope: scope, packagesKey: packagesKey)) { try templates.render(prose.template, scope) }
    }

    private func key(_ step: Plan.Step, _ prose: Templates.StepProse, scope: StepScopeView, packagesKey: [UInt8]?) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(256)  // room for most keys, which otherwise grow a few times each
        Fingerprint.append(step.rule, kind: "r", to: &key)
        Fingerprint.append(step.level ?? "", kind: "l", to: &key)
        // Of a level step's facts only `packages` differ from page to page (the groups are the
        // farm's); comparing them alone keeps the key small however many servers the farm has.
        if step.level != nil {
            if let packagesKey { key += packagesKey } else { Fingerprint.append(scope.step.packages, to: &key) }
        }
        guard let fields = prose.serverFields, let server = scope.page.onServer else { return key }
        key.append(UInt8(ascii: "S"))
        Fingerprint.append(server.view, fields: fields, to: &key)
        return key
    }
}
