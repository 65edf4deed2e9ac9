import Foundation

/// What a server should show, from the plan: the values `check` compares its evidence with.
struct ExpectedValues: Sendable {
    var server: String
    var architecture: Architecture
    /// Microsoft.SharePoint.Portal.dll's version; nil on a WSS farm, which has no such file.
    var portalDllVersion: String?
    var isMOSS: Bool
    var registry: Plan.RegistryCheck?
}

/// A comparison's outcome as reasons (failures) and notes.
struct Findings {
    var reasons: [String] = []
    var notes: [String] = []

    /// `actual` against `expected`: a failure when they differ, a note when the catalog does not
    /// give the value to expect.
    mutating func compare(_ what: String, _ actual: String?, _ expected: String?) {
        guard let actual, !actual.isEmpty else {
            reasons.append("no \(what)")
            return
        }
        // verify.ps1 writes what it could not find as such: a finding, whatever the catalog knows.
        if actual.hasPrefix("not found") {
            reasons.append("\(what): \(actual)")
            return
        }
        guard let expected else {
            notes.append("\(what) \(actual) (not given by the catalog)")
            return
        }
        if actual == expected {
            notes.append("\(what) \(actual)")
        } else {
            reasons.append("\(what) is \(actual), expected \(expected)")
        }
    }

    var verdict: Verdict { reasons.isEmpty ? .passed : .failed }
}

/// `verify.json`, written by `scripts/verify.ps1 -OutFile`: what the script read on the server.
enum VerifyReportCheck {
    static let maximumBytes = 1 << 20

    static func check(_ data: Data, expected: ExpectedValues) -> Findings {
        var findings = Findings()
        guard let text = EvidenceBytes.text(data), let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else {
            findings.reasons.append("is not the JSON object verify.ps1 writes")
            return findings
        }
        if let server = object["server"] as? String, server.lowercased() != expected.server.lowercased() {
            findings.reasons.append("was written on \(Printable.quote(server, limit: 40)), not \(expected.server)")
        }
        if let architecture = object["architecture"] as? String, architecture != expected.architecture.rawValue {
            findings.reasons.append(
                "was written on an \(Printable.quote(architecture, limit: 10)) server; the plan has \(expected.server) as \(expected.architecture.rawValue)"
            )
        }
        if expected.isMOSS {
            let dll = (object["portalDll"] as? [String: Any])?["version"] as? String
            findings.compare(
                "Microsoft.SharePoint.Portal.dll version", dll.map { Printable.quote($0, limit: 60) }, expected.portalDllVersion)
        }
        if let registry = expected.registry {
            let data = (object["registry"] as? [String: Any])?["data"] as? String
            findings.compare("registry \(registry.value)", data.map { Printable.quote($0, limit: 60) }, registry.expected)
        }
        if let result = object["result"] as? String, result != "passed", findings.reasons.isEmpty {
            findings.reasons.append("verify.ps1 concluded \(Printable.quote(result, limit: 20))")
        }
        return findings
    }
}

/// `reg-query.txt`: what `reg query KEY /v VALUE` printed (Windows Server 2003 and 2008 alike).
enum RegistryQueryCheck {
    static func check(_ url: URL, expected: ExpectedValues) throws(EvidenceText.Problem) -> Findings {
        var findings = Findings()
        guard let registry = expected.registry else {
            findings.notes.append("the plan checks no registry value on this server")
            return findings
        }
        var inKey = false
        var otherKey: String?
        var sawKey = false
        var data: String?
        var notFound = false
        // Read to the end, so that a truncated file is found out even after the value.
        try EvidenceText.lines(of: url) { bytes in
            let line = String(decoding: bytes, as: UTF8.self)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.uppercased().hasPrefix("HKEY_") {
                inKey = trimmed.lowercased() == registry.key.lowercased()
                sawKey = sawKey || inKey
                if !inKey, otherKey == nil { otherKey = String(trimmed.prefix(300)) }
            } else if trimmed.uppercased().hasPrefix("ERROR:") {
                notFound = true
            } else if inKey, data == nil {
                let fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if fields.count >= 3, fields[0].lowercased() == registry.value.lowercased(), fields[1].hasPrefix("REG_") {
                    data = fields[2...].joined(separator: " ")
                }
            }
            return true
        }
        if data == nil {
            if notFound {
                findings.reasons.append("reg.exe found no \(registry.value) under \(registry.key)")
                return findings
            } else if let other = otherKey, !sawKey {
                findings.reasons.append("is the output for \(Printable.quote(other, limit: 120)), not \(registry.key)")
                return findings
            }
        }
        findings.compare("registry \(registry.value)", data.map { Printable.quote($0, limit: 60) }, registry.expected)
        return findings
    }
}

/// `versions.txt` or `versions.csv`: the checklist's query of the Versions table, as sqlcmd or
/// SQL Server Management Studio gave it. The highest version on a row of the farm's GUID counts.
enum VersionsTableCheck {
    static let farmGUID = "00000000-0000-0000-0000-000000000000"

    static func check(_ url: URL, verification: Plan.Verification?) throws(EvidenceText.Problem) -> Findings {
        var findings = Findings()
        var highest: Build?
        try EvidenceText.lines(of: url) { bytes in
            guard bytes.containsIgnoringCase(farmGUID) else { return true }
            let line = String(decoding: bytes, as: UTF8.self)
            for token in line.split(whereSeparator: { !($0.isASCII && ($0.isNumber || $0 == ".")) }) {
                if let build = Build(String(token)), build > (highest ?? build) || highest == nil { highest = build }
            }
            return true
        }
        guard let highest else {
            findings.reasons.append("holds no row of the Versions table with VersionId \(farmGUID)")
            return findings
        }
        let version = highest.description
        if let expected = verification?.sqlExpectedVersion {
            findings.compare("highest version", version, expected)
        } else if let digits = verification?.sqlVersionIncludes {
            if version.contains(digits) {
                findings.notes.append("highest version \(version) includes \(digits)")
            } else {
                findings.reasons.append("highest version is \(version), which does not include \(digits)")
            }
        } else {
            findings.notes.append("highest version \(version) (not given by the catalog)")
        }
        return findings
    }
}

/// Small files read whole (verify.json), in the encodings `EvidenceText` reads.
enum EvidenceBytes {
    static func text(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        let (encoding, skip) = EvidenceText.encoding(bytes)
        let body = bytes.dropFirst(skip)
        switch encoding {
        case .utf8:
            return body.contains(0) ? nil : String(decoding: body, as: UTF8.self)
        case .utf16LittleEndian, .utf16BigEndian:
            guard body.count % 2 == 0 else { return nil }
            return EvidenceText.utf16(body, bigEndian: encoding == .utf16BigEndian)
        }
    }
}
