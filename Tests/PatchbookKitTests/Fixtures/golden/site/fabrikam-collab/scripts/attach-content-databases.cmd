@echo off
rem patchbook: attach the content databases of "Fabrikam Collaboration" again after the update.
rem Attaching upgrades a database, and the farm takes one at a time: each command waits for the last.
setlocal EnableExtensions DisableDelayedExpansion
cd /d "%COMMONPROGRAMFILES%\Microsoft Shared\Web server extensions\12\BIN" || exit /b 1
stsadm -o addcontentdb -url "http://teams" -databasename "WSS_Content_Teams1" -databaseserver "SQLCLU01\SHAREPOINT"
if errorlevel 1 (echo FAILED: attaching a database & exit /b 1)
stsadm -o addcontentdb -url "http://teams" -databasename "WSS_Content_Teams2" -databaseserver "SQLCLU01\SHAREPOINT"
if errorlevel 1 (echo FAILED: attaching a database & exit /b 1)
stsadm -o addcontentdb -url "http://my" -databasename "WSS_Content_My" -databaseserver "SQLCLU01\SHAREPOINT"
if errorlevel 1 (echo FAILED: attaching a database & exit /b 1)
echo Content databases attached.
