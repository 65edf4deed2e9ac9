-- patchbook: database backups of N'Fabrikam Collaboration' before the update to N'October 2009 cumulative update'.
-- Recovery models as the deployment guide gives them: simple for the configuration, Central
-- Administration content and single sign-on databases; full for content databases.
-- Run it on each SQL Server of the farm after the farm is stopped: databases that are not on the
-- server it runs on are skipped. Names are passed as strings and quoted with QUOTENAME, never
-- pasted into SQL text. Works on SQL Server 2005 and later.
SET NOCOUNT ON;
DECLARE @folder nvarchar(4000);
-- The backup folder:
SET @folder = N'\\bk01\sharepoint';
IF @folder = N''
BEGIN
    RAISERROR(N'Set @folder to the backup folder first.', 16, 1);
    RETURN;
END;

-- The farm's databases: name, recovery model, what the database is, and its SQL Server.
DECLARE @databases TABLE (id int IDENTITY(1, 1) PRIMARY KEY, name sysname NOT NULL, recovery nvarchar(10) NOT NULL,
                          kind nvarchar(400) NOT NULL, server nvarchar(300) NOT NULL);
INSERT @databases (name, recovery, kind, server) VALUES (N'Fabrikam_Config', N'simple', N'configuration database', N'SQLCLU01\SHAREPOINT');
INSERT @databases (name, recovery, kind, server) VALUES (N'Fabrikam_AdminContent', N'simple', N'Central Administration content database', N'SQLCLU01\SHAREPOINT');
INSERT @databases (name, recovery, kind, server) VALUES (N'WSS_Content_Teams1', N'full', N'content database', N'SQLCLU01\SHAREPOINT');
INSERT @databases (name, recovery, kind, server) VALUES (N'WSS_Content_Teams2', N'full', N'content database', N'SQLCLU01\SHAREPOINT');
INSERT @databases (name, recovery, kind, server) VALUES (N'WSS_Content_My', N'full', N'content database', N'SQLCLU01\SHAREPOINT');
INSERT @databases (name, recovery, kind, server) VALUES (N'WSS_Content_PWA', N'full', N'content database', N'SQLCLU01\SHAREPOINT');
INSERT @databases (name, recovery, kind, server) VALUES (N'SSO_Fabrikam', N'simple', N'single sign-on database', N'SQLCLU01\SHAREPOINT');

DECLARE @id int, @db sysname, @model nvarchar(10), @kind nvarchar(400), @server nvarchar(300),
        @file nvarchar(4000), @sql nvarchar(max);
BEGIN TRY
    -- Set each database's recovery model, back it up and verify the backup.
    SET @id = 0;
    WHILE 1 = 1
    BEGIN
        SELECT TOP (1) @id = id, @db = name, @model = recovery, @kind = kind, @server = server
        FROM @databases WHERE id > @id ORDER BY id;
        IF @@ROWCOUNT = 0 BREAK;
        IF DB_ID(@db) IS NULL
            PRINT N'Skipped, not on this server: ' + @db + N' (' + @kind + N' on ' + @server + N')';
        ELSE
        BEGIN
            PRINT N'Backing up ' + @db + N' (' + @kind + N', recovery model ' + @model + N')';
            SET @sql = N'ALTER DATABASE ' + QUOTENAME(@db) + N' SET RECOVERY '
                + CASE @model WHEN N'full' THEN N'FULL' ELSE N'SIMPLE' END + N';';
            EXEC (@sql);
            SET @file = @folder + N'\' + @db + N'.bak';
            BACKUP DATABASE @db TO DISK = @file WITH INIT, CHECKSUM;
            RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM;
        END;
    END;

    -- With every backup taken, free the unused log space (DBCC SHRINKFILE on each log file).
    SET @id = 0;
    WHILE 1 = 1
    BEGIN
        SELECT TOP (1) @id = id, @db = name FROM @databases WHERE id > @id ORDER BY id;
        IF @@ROWCOUNT = 0 BREAK;
        IF DB_ID(@db) IS NOT NULL
        BEGIN
            SET @sql = N'USE ' + QUOTENAME(@db) + N'; DECLARE @log sysname; SELECT TOP (1) @log = name FROM sys.database_files WHERE type_desc = N''LOG''; DBCC SHRINKFILE (@log);';
            EXEC (@sql);
        END;
    END;
END TRY
BEGIN CATCH
    DECLARE @message nvarchar(4000);
    SET @message = N'Stopped at ' + ISNULL(@db, N'?') + N': ' + ERROR_MESSAGE();
    RAISERROR(N'%s', 16, 1, @message);
END CATCH;
