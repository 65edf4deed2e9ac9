-- patchbook: database backups of N'Tailspin Projects' before the update to N'October 2008 cumulative update'.
-- Recovery models as the deployment guide gives them: simple for the configuration, Central
-- Administration content and single sign-on databases; full for content databases.
-- It changes each database's recovery model to the one above and prints the one it had before:
-- set it back afterwards if your own backup plan needs the old one.
-- Run it on each SQL Server of the farm after the farm is stopped. It backs up only the databases
-- the farm description puts on the server it runs on, which it knows by the server's own names
-- (@@SERVERNAME, machine or cluster name, instance, TCP port); when the description names this
-- server by an alias, set @thisServer below to that name. Each backup file is named
-- DATABASE@SERVER.bak (a \ in the server's name as $; \ / : * ? " < > | otherwise as _), so two servers
-- never write the same file and no name leaves the backup folder.
-- Names are passed as strings and quoted with QUOTENAME, never pasted into SQL text. Works on
-- SQL Server 2005 and later. The file is UTF-8: open it in Management Studio, or run
--   sqlcmd -S SERVER -E -b -f 65001 -i backup-databases.sql
SET NOCOUNT ON;
DECLARE @folder nvarchar(4000), @thisServer nvarchar(300);
-- The backup folder:
SET @folder = N'';
-- This server's name in the farm description, only when it is an alias:
SET @thisServer = N'';
IF @folder = N''
BEGIN
    RAISERROR(N'Set @folder to the backup folder first.', 16, 1);
    RETURN;
END;
IF RIGHT(@folder, 1) = N'\' SET @folder = LEFT(@folder, DATALENGTH(@folder) / 2 - 1);

-- The farm's databases: name, recovery model, what the database is, and its SQL Server.
DECLARE @databases TABLE (id int IDENTITY(1, 1) PRIMARY KEY, name sysname NOT NULL, recovery nvarchar(10) NOT NULL,
                          kind nvarchar(400) NOT NULL, server nvarchar(300) NOT NULL, here bit NOT NULL DEFAULT 0);
INSERT @databases (name, recovery, kind, server) VALUES (N'WSS_Config', N'simple', N'configuration database', N'TS-SQL');
INSERT @databases (name, recovery, kind, server) VALUES (N'WSS_Admin', N'simple', N'Central Administration content database', N'TS-SQL');
INSERT @databases (name, recovery, kind, server) VALUES (N'WSS_Content_Projects', N'full', N'content database', N'TS-SQL');

-- This server's own names, in capitals.
DECLARE @serverName nvarchar(300), @machine nvarchar(300), @node nvarchar(300), @instance nvarchar(300), @port nvarchar(10);
SET @serverName = UPPER(CAST(@@SERVERNAME AS nvarchar(300)));
SET @machine = UPPER(CAST(SERVERPROPERTY(N'MachineName') AS nvarchar(300)));
SET @node = UPPER(CAST(SERVERPROPERTY(N'ComputerNamePhysicalNetBIOS') AS nvarchar(300)));
SET @instance = UPPER(ISNULL(CAST(SERVERPROPERTY(N'InstanceName') AS nvarchar(300)), N'MSSQLSERVER'));
BEGIN TRY
    -- NULL over shared memory or named pipes, and without VIEW SERVER STATE.
    SELECT @port = CAST(local_tcp_port AS nvarchar(10)) FROM sys.dm_exec_connections WHERE session_id = @@SPID;
END TRY
BEGIN CATCH
    SET @port = NULL;
END CATCH;

-- Mark the rows of this server. The description writes HOST, HOST\INSTANCE, HOST,PORT or
-- HOST\INSTANCE,PORT, HOST perhaps fully qualified.
DECLARE @id int, @db sysname, @model nvarchar(10), @kind nvarchar(400), @server nvarchar(300),
        @name nvarchar(300), @host nvarchar(300), @rowInstance nvarchar(300), @rowPort nvarchar(300), @here bit,
        @file nvarchar(4000), @sql nvarchar(max), @missing nvarchar(max), @before nvarchar(60), @servers nvarchar(max);
SET @id = 0;
SET @servers = N'';
WHILE 1 = 1
BEGIN
    SELECT TOP (1) @id = id, @server = server FROM @databases WHERE id > @id ORDER BY id;
    IF @@ROWCOUNT = 0 BREAK;
    IF CHARINDEX(N', ' + @server + N', ', N', ' + @servers + N', ') = 0
        SET @servers = @servers + CASE WHEN @servers = N'' THEN N'' ELSE N', ' END + @server;
    SET @name = UPPER(@server);
    SET @rowPort = N'';
    SET @rowInstance = N'';
    IF CHARINDEX(N',', @name) > 0
    BEGIN
        SET @rowPort = SUBSTRING(@name, CHARINDEX(N',', @name) + 1, 300);
        SET @name = LEFT(@name, CHARINDEX(N',', @name) - 1);
    END;
    SET @host = @name;
    IF CHARINDEX(N'\', @name) > 0
    BEGIN
        SET @rowInstance = SUBSTRING(@name, CHARINDEX(N'\', @name) + 1, 300);
        SET @host = LEFT(@name, CHARINDEX(N'\', @name) - 1);
    END;
    IF CHARINDEX(N'.', @host) > 0 SET @host = LEFT(@host, CHARINDEX(N'.', @host) - 1);
    SET @here = 0;
    IF @thisServer <> N''
        SET @here = CASE WHEN UPPER(@server) = UPPER(@thisServer) THEN 1 ELSE 0 END;
    -- A row that names a port is this server's only on a connection to that port: connect with
    -- sqlcmd -S HOST,PORT (not over shared memory), or set @thisServer.
    ELSE IF @name = @serverName AND (@rowPort = N'' OR @rowPort = ISNULL(@port, N''))
        SET @here = 1;
    ELSE IF @host = @machine OR @host = @node OR @host = N'LOCALHOST'
    BEGIN
        -- The instance as named; else the instance listening on the port; else the default instance.
        IF @rowInstance <> N''
            SET @here = CASE WHEN @rowInstance = @instance THEN 1 ELSE 0 END;
        ELSE IF @rowPort <> N''
            SET @here = CASE WHEN @port IS NOT NULL AND @rowPort = @port THEN 1 ELSE 0 END;
        ELSE
            SET @here = CASE WHEN @instance = N'MSSQLSERVER' THEN 1 ELSE 0 END;
    END;
    UPDATE @databases SET here = @here WHERE id = @id;
END;
IF NOT EXISTS (SELECT * FROM @databases WHERE here = 1)
BEGIN
    DECLARE @none nvarchar(max);
    SET @none = N'None of the farm''s databases is on this SQL Server (' + ISNULL(@@SERVERNAME, N'?')
        + N') by the names the farm description gives its SQL Servers: ' + @servers
        + N'. If the description names this server by an alias, set @thisServer to that name.';
    RAISERROR(N'%s', 16, 1, @none);
    RETURN;
END;

BEGIN TRY
    -- Set the recovery model of each database on this server, back it up and verify the backup.
    SET @id = 0;
    SET @missing = N'';
    WHILE 1 = 1
    BEGIN
        SELECT TOP (1) @id = id, @db = name, @model = recovery, @kind = kind, @server = server, @here = here
        FROM @databases WHERE id > @id ORDER BY id;
        IF @@ROWCOUNT = 0 BREAK;
        IF @here = 0
            PRINT N'Skipped, on another SQL Server: ' + @db + N' (' + @kind + N' on ' + @server + N')';
        ELSE IF DB_ID(@db) IS NULL
        BEGIN
            PRINT N'MISSING on this server: ' + @db + N' (' + @kind + N' on ' + @server + N')';
            SET @missing = @missing + CASE WHEN @missing = N'' THEN N'' ELSE N', ' END + @db;
        END
        ELSE
        BEGIN
            SELECT @before = recovery_model_desc FROM sys.databases WHERE name = @db;
            PRINT N'Backing up ' + @db + N' (' + @kind + N'); recovery model was ' + ISNULL(@before, N'?')
                + N', now ' + CASE @model WHEN N'full' THEN N'FULL' ELSE N'SIMPLE' END;
            SET @sql = N'ALTER DATABASE ' + QUOTENAME(@db) + N' SET RECOVERY '
                + CASE @model WHEN N'full' THEN N'FULL' ELSE N'SIMPLE' END + N';';
            EXEC (@sql);
            -- Characters a file name cannot hold (a database may be named with them) become '_'.
            SET @file = REPLACE(@db, N'\', N'_') + N'@' + REPLACE(@server, N'\', N'$');
            SET @file = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(@file,
                N'/', N'_'), N':', N'_'), N'*', N'_'), N'?', N'_'), N'"', N'_'), N'<', N'_'), N'>', N'_'), N'|', N'_');
            SET @file = @folder + N'\' + @file + N'.bak';
            BACKUP DATABASE @db TO DISK = @file WITH INIT, CHECKSUM;
            RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM;
        END;
    END;

    -- With every backup taken, free the unused log space (DBCC SHRINKFILE on each log file).
    SET @id = 0;
    WHILE 1 = 1
    BEGIN
        SELECT TOP (1) @id = id, @db = name FROM @databases WHERE id > @id AND here = 1 ORDER BY id;
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
    RETURN;
END CATCH;
IF @missing <> N''
BEGIN
    SET @missing = N'The farm description puts these databases on this SQL Server, but it does not have them: ' + @missing;
    RAISERROR(N'%s', 16, 1, @missing);
END;
