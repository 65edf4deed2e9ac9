import Foundation
import Testing

@testable import PatchbookKit

/// backup-databases.sql runs on each SQL Server of the farm: it backs up there only the databases
/// the description puts there, into files that no other server's run writes.
@Suite struct BackupScriptTests {
    private static let servers = ["SQL01", "SQL02", #"SQL01\INST"#, "SQL01,1433", "sql03.contoso.com"]

    private func script() throws -> String {
        let databases = Self.servers.enumerated().map { index, server in
            "  - { name: WSS_Content, kind: content, server: '\(server)', webApplication: \"http://intranet\(index)\" }\n"
        }.joined()
        let farm = try farm(["  - { name: WSS_Content, kind: content, server: SQL01, webApplication: \"http://intranet\" }\n": databases])
        let files = try SitePages.farmFiles(.init(farm: farm, plan: try plan(farm)), templates: try #require(Fixtures.templates))
        return String(decoding: try #require(files["test-farm/scripts/backup-databases.sql"]).dropFirst(3), as: UTF8.self)
    }

    /// The file name the script gives a database of a server: `DATABASE@SERVER.bak`, the server's
    /// `\` as `$`, and every other character a Windows file name cannot hold as `_`.
    private static func fileName(_ database: String, _ server: String) -> String {
        let name = database.replacingOccurrences(of: "\\", with: "_") + "@" + server.replacingOccurrences(of: "\\", with: "$")
        return String(name.map { "/:*?\"<>|".contains($0) ? "_" : $0 }) + ".bak"
    }

    @Test func eachDatabaseKeepsItsServer() throws {
        let sql = try script()
        for server in Self.servers {
            #expect(sql.contains("VALUES (N'WSS_Content', N'full', N'content database', N'\(server)');"), "\(server)")
        }
        // The file name is made from the database and its server, exactly as fileName(_:_:) does.
        #expect(sql.contains(#"SET @file = REPLACE(@db, N'\', N'_') + N'@' + REPLACE(@server, N'\', N'$');"#))
        for character in "/:*?\"<>|" {
            #expect(sql.contains("N'\(character)', N'_')"), "\(character)")
        }
        #expect(sql.contains(#"SET @file = @folder + N'\' + @file + N'.bak';"#))
        let names = Self.servers.map { Self.fileName("WSS_Content", $0).lowercased() }
        #expect(Set(names).count == names.count)
        // A database named like a path still writes one file, in the backup folder.
        #expect(Self.fileName(#"..\x/y:z"#, "SQL01") == ".._x_y_z@SQL01.bak")
    }

    /// Only the rows marked as this server's are backed up, and the marks come from the server's own
    /// names or, for an alias, from @thisServer.
    @Test func onlyThisServersRowsAreBackedUp() throws {
        let sql = try script()
        let backup = try #require(sql.range(of: "BACKUP DATABASE @db TO DISK = @file WITH INIT, CHECKSUM;"))
        let branch = try #require(sql.range(of: "IF @here = 0\n            PRINT N'Skipped, on another SQL Server: '"))
        #expect(branch.upperBound < backup.lowerBound)
        for name in [
            "@@SERVERNAME", "SERVERPROPERTY(N'MachineName')", "SERVERPROPERTY(N'InstanceName')",
            "SERVERPROPERTY(N'ComputerNamePhysicalNetBIOS')", "local_tcp_port", "SET @thisServer = N'';",
        ] {
            #expect(sql.contains(name), "\(name)")
        }
        // A run that recognises none of the rows says so, naming the servers the description gives.
        #expect(sql.contains("by the names the farm description gives its SQL Servers: ' + @servers"))
    }
}
