@echo off
rem patchbook: detach the content databases of "Fabrikam Collaboration" before the update.
rem Run on the Central Administration server, after the backups and after preparetomove (the checklist's step, run by hand; not repeated here).
setlocal EnableExtensions DisableDelayedExpansion
cd /d "%COMMONPROGRAMFILES%\Microsoft Shared\Web server extensions\12\BIN" || exit /b 1
stsadm -o deletecontentdb -url "http://teams" -databasename "WSS_Content_Teams1" -databaseserver "SQLCLU01\SHAREPOINT"
if errorlevel 1 (echo FAILED: detaching a database & exit /b 1)
stsadm -o deletecontentdb -url "http://teams" -databasename "WSS_Content_Teams2" -databaseserver "SQLCLU01\SHAREPOINT"
if errorlevel 1 (echo FAILED: detaching a database & exit /b 1)
stsadm -o deletecontentdb -url "http://my" -databasename "WSS_Content_My" -databaseserver "SQLCLU01\SHAREPOINT"
if errorlevel 1 (echo FAILED: detaching a database & exit /b 1)
echo Content databases detached.
