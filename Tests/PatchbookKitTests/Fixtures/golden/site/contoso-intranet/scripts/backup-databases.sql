-- patchbook: database backups of N'Contoso Intranet' before the update to N'October 2009 cumulative update'.
-- Recovery models as the deployment guide gives them: simple for the configuration, Central
-- Administration content and single sign-on databases; full for content databases.
-- Run it on each SQL Server of the farm after the farm is stopped: databases that are not on the
-- server it runs on are skipped. Names are passed as strings and quoted with QUOTENAME, never
-- pasted into SQL text. Works on SQL Server 2005 and later.
SET NOCOUNT ON;
DECLARE @folder nvarchar(4000), @db sysname, @model nvarchar(10), @file nvarchar(4000), @sql nvarchar(max);
-- The backup folder:
SET @folder = N'\\backup01\sharepoint';
IF @folder = N''
BEGIN
    RAISERROR(N'Set @folder to the backup folder first.', 16, 1);
    RETURN;
END;
BEGIN TRY

    -- N'configuration database' on SQL Server N'SQL01': recovery model N'simple'
    SET @db = N'SharePoint_Config';
    IF DB_ID(@db) IS NULL PRINT N'Skipped, not on this server: ' + @db;
    ELSE
    BEGIN
        SET @model = N'SIMPLE';
        SET @sql = N'ALTER DATABASE ' + QUOTENAME(@db) + N' SET RECOVERY ' + @model + N';';
        EXEC (@sql);
        SET @file = @folder + N'\' + @db + N'.bak';
        BACKUP DATABASE @db TO DISK = @file WITH INIT, CHECKSUM;
        RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM;
    END;

    -- N'Central Administration content database' on SQL Server N'SQL01': recovery model N'simple'
    SET @db = N'SharePoint_AdminContent_5c1e';
    IF DB_ID(@db) IS NULL PRINT N'Skipped, not on this server: ' + @db;
    ELSE
    BEGIN
        SET @model = N'SIMPLE';
        SET @sql = N'ALTER DATABASE ' + QUOTENAME(@db) + N' SET RECOVERY ' + @model + N';';
        EXEC (@sql);
        SET @file = @folder + N'\' + @db + N'.bak';
        BACKUP DATABASE @db TO DISK = @file WITH INIT, CHECKSUM;
        RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM;
    END;

    -- N'content database' on SQL Server N'SQL01': recovery model N'full'
    SET @db = N'WSS_Content_Intranet';
    IF DB_ID(@db) IS NULL PRINT N'Skipped, not on this server: ' + @db;
    ELSE
    BEGIN
        SET @model = N'FULL';
        SET @sql = N'ALTER DATABASE ' + QUOTENAME(@db) + N' SET RECOVERY ' + @model + N';';
        EXEC (@sql);
        SET @file = @folder + N'\' + @db + N'.bak';
        BACKUP DATABASE @db TO DISK = @file WITH INIT, CHECKSUM;
        RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM;
    END;

    -- N'content database' on SQL Server N'SQL01': recovery model N'full'
    SET @db = N'WSS_Content_MySites';
    IF DB_ID(@db) IS NULL PRINT N'Skipped, not on this server: ' + @db;
    ELSE
    BEGIN
        SET @model = N'FULL';
        SET @sql = N'ALTER DATABASE ' + QUOTENAME(@db) + N' SET RECOVERY ' + @model + N';';
        EXEC (@sql);
        SET @file = @folder + N'\' + @db + N'.bak';
        BACKUP DATABASE @db TO DISK = @file WITH INIT, CHECKSUM;
        RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM;
    END;

    -- With every backup taken, free the unused log space (DBCC SHRINKFILE on each log file).
    SET @db = N'SharePoint_Config';
    IF DB_ID(@db) IS NOT NULL
    BEGIN
        SET @sql = N'USE ' + QUOTENAME(@db) + N'; DECLARE @log sysname; SELECT TOP (1) @log = name FROM sys.database_files WHERE type_desc = N''LOG''; DBCC SHRINKFILE (@log);';
        EXEC (@sql);
    END;
    SET @db = N'SharePoint_AdminContent_5c1e';
    IF DB_ID(@db) IS NOT NULL
    BEGIN
        SET @sql = N'USE ' + QUOTENAME(@db) + N'; DECLARE @log sysname; SELECT TOP (1) @log = name FROM sys.database_files WHERE type_desc = N''LOG''; DBCC SHRINKFILE (@log);';
        EXEC (@sql);
    END;
    SET @db = N'WSS_Content_Intranet';
    IF DB_ID(@db) IS NOT NULL
    BEGIN
        SET @sql = N'USE ' + QUOTENAME(@db) + N'; DECLARE @log sysname; SELECT TOP (1) @log = name FROM sys.database_files WHERE type_desc = N''LOG''; DBCC SHRINKFILE (@log);';
        EXEC (@sql);
    END;
    SET @db = N'WSS_Content_MySites';
    IF DB_ID(@db) IS NOT NULL
    BEGIN
        SET @sql = N'USE ' + QUOTENAME(@db) + N'; DECLARE @log sysname; SELECT TOP (1) @log = name FROM sys.database_files WHERE type_desc = N''LOG''; DBCC SHRINKFILE (@log);';
        EXEC (@sql);
    END;
END TRY
BEGIN CATCH
    DECLARE @message nvarchar(4000);
    SET @message = N'Stopped at ' + ISNULL(@db, N'?') + N': ' + ERROR_MESSAGE();
    RAISERROR(N'%s', 16, 1, @message);
END CATCH;
