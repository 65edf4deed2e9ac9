import Testing

@testable import PatchbookKit

@Suite struct NameRuleTests {
    /// Windows allowed '_' in computer names, and real farms have them.
    @Test(arguments: ["APP01", "WSS-WFE1", "a", "ABCDEFGHIJKLMNO", "SP_APP01", "_X"])
    func netbiosNamesAccepted(_ name: String) { #expect(NameRule.netbios.problem(with: name) == nil) }

    @Test(arguments: ["ABCDEFGHIJKLMNOP", "APP 01", "APP01.contoso.com", "%COMPUTERNAME%", "a\"b", ""])
    func netbiosNamesRejected(_ name: String) { #expect(NameRule.netbios.problem(with: name) != nil) }

    @Test(arguments: ["http://intranet", "https://teams.fabrikam.com:8443/sites", "http://x/%20y"])
    func urlsAccepted(_ url: String) { #expect(NameRule.url.problem(with: url) == nil) }

    @Test(arguments: ["ftp://x", "javascript:alert(1)", "intranet", "http://", "http://a b"])
    func urlsRejected(_ url: String) { #expect(NameRule.url.problem(with: url) != nil) }

    @Test(arguments: [#"CONTOSO\sp_setup"#, #"contoso.local\sp.farm"#])
    func accountsAccepted(_ account: String) { #expect(NameRule.account.problem(with: account) == nil) }

    @Test(arguments: ["sp_setup", #"CONTOSO\"#, #"CONTOSO\a\b"#, #"CONTOSO\x"y"#, "sp@contoso.com"])
    func accountsRejected(_ account: String) { #expect(NameRule.account.problem(with: account) != nil) }

    /// Names that scripts must escape rather than refuse: `%`, `]`, `'`, `&`, backticks, `$()`.
    @Test(arguments: ["WSS_Content 100%", "Content]x", "O'Brien", "A&B", "`x`", "$(calc)"])
    func databaseNamesWithCharactersToEscapeAreAccepted(_ name: String) {
        #expect(NameRule.database.problem(with: name) == nil)
    }

    @Test(arguments: [
        "SQL01", "sql01.contoso.local", #"SQLCLU01\SHAREPOINT"#, "SQL01,1433", #"SQL-01\SP_2$,50000"#,
        #"SQL_01\SHAREPOINT"#, #"APP01\MICROSOFT##SSEE"#,
    ])
    func sqlServersAccepted(_ name: String) { #expect(NameRule.sqlServer.problem(with: name) == nil) }

    @Test(arguments: [
        "", "-SQL", "SQL 01", #"SQL01\"#, #"SQL01\ABCDEFGHIJKLMNOPQ"#, "SQL01,", "SQL01,123456", #"SQL01,1433\INST"#, #"A\B\C"#,
    ])
    func sqlServersRejected(_ name: String) { #expect(NameRule.sqlServer.problem(with: name) != nil) }

    /// Host names are DNS names, of at most 253 characters (the backup script's table holds 300).
    @Test func sqlServerHostsHaveTheLengthOfADNSName() {
        #expect(NameRule.sqlServer.problem(with: String(repeating: "a", count: 253) + #"\INST,1433"#) == nil)
        #expect(NameRule.sqlServer.problem(with: String(repeating: "a", count: 254)) != nil)
    }

    /// The SQL Server check is written out for speed; it accepts exactly what its pattern does.
    @Test func sqlServerCheckAgreesWithItsPattern() {
        var generator = SeededGenerator(seed: 3)
        let alphabet = Array(#"aZ09.-_$#\,: "#)
        for _ in 0..<3000 {
            let value = String(
                (0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            let pattern = #"^[A-Za-z0-9][A-Za-z0-9._\-]*(\\[A-Za-z0-9_$#]{1,16})?(,[0-9]{1,5})?$"#
            #expect(NameRule.isSQLServer(value) == NameRule.matches(value, pattern), "\(value)")
        }
    }

    @Test func controlCharactersAreRejectedEverywhere() {
        for rule in [NameRule.text, .database, .netbios, .url, .path] {
            #expect(rule.problem(with: "a\nb") != nil)
            #expect(rule.problem(with: "a\u{202E}b") != nil)
        }
    }

    /// A farm file must not clear the screen or forge an error line through a message.
    @Test func diagnosticsShowControlCharactersEscaped() {
        let diagnostic = Diagnostic.error(
            at: SourceLocation(file: "farm\u{1B}[2J.yaml", line: 1, column: 1), "not '\r\nx.yaml:1:1: error: forged'")
        #expect(diagnostic.description == #"farm\u{1B}[2J.yaml:1:1: error: not '\u{D}\u{A}x.yaml:1:1: error: forged'"#)
    }

    @Test func slugs() {
        #expect(NameRule.slug(from: "Contoso Intranet") == "contoso-intranet")
        #expect(NameRule.slug(from: "  Ärger & Co. (EU) ") == "rger-co-eu")
        #expect(NameRule.slug(from: "日本") == "")
    }
}

@Suite struct BuildTests {
    @Test func parsesAndOrders() throws {
        let sp1 = try #require(Build("12.0.6219.1000"))
        let iu = try #require(Build("12.0.6320.5000"))
        #expect(sp1 < iu)
        #expect(sp1.description == "12.0.6219.1000")
    }

    @Test(arguments: ["12.0.6219", "12.0.6219.1000.1", "12.0. 6219.1000", "12.0.6219.x", "", "١٢.0.1.1"])
    func rejectsWhatIsNotABuild(_ text: String) { #expect(Build(text) == nil) }

    /// Seed, "Understanding software updates": COD hotfixes are 12.0.xxxx.500X after a CU's .5000.
    @Test func criticalOnDemandPattern() {
        #expect(Build("12.0.6327.5001")?.isCriticalOnDemandPattern == true)
        #expect(Build("12.0.6327.5000")?.isCriticalOnDemandPattern == false)
        #expect(Build("12.0.6219.1000")?.isCriticalOnDemandPattern == false)
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsCloseWordsOnly() {
        #expect(Suggestion.closest(to: "nmae", in: ["name", "id"]) == "name")
        #expect(Suggestion.closest(to: "moss", in: ["wss3", "moss2007"]) == "moss2007")
        #expect(Suggestion.closest(to: "colour", in: ["name", "product"]) == nil)
    }
}
