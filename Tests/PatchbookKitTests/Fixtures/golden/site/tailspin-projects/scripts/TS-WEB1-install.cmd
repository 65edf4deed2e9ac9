@echo off
rem patchbook: the update of "TS-WEB1" ("Tailspin Projects") to "October 2008 cumulative update".
rem   without arguments: installs this server's packages (on every server, before any configuration)
rem   with "configure": runs the configuration, once it is this server's turn
rem Every step is logged next to this script; the script stops at the first failure.
setlocal EnableExtensions DisableDelayedExpansion
set "LOG=%~dpn0.log"
if /i "%~1"=="configure" goto configure

call :log "Installing on %COMPUTERNAME%"
net start | find /i "World Wide Web Publishing" >nul && (
  net stop w3svc || (call :log "FAILED: net stop w3svc" & exit /b 1)
)
call :log "W3SVC stopped; start it by hand at the end (start-w3svc)"
set PACKAGE="wssv3sp1-kb936988-x86-fullfile-en-us.exe"
call :install || exit /b 1
call :log "A package whose file name the catalog does not know is not scripted: install it by hand (see the checklist)"
call :log "A package whose file name the catalog does not know is not scripted: install it by hand (see the checklist)"
call :log "Binaries installed. Run the Configuration Wizard to the server-farm dialog and leave it open; when it is this server's turn, run: %~nx0 configure"
exit /b 0

:configure
call :log "Configuring %COMPUTERNAME%"
cd /d "%COMMONPROGRAMFILES%\Microsoft Shared\Web server extensions\12\BIN" || exit /b 1
psconfig -cmd upgrade -inplace b2b -wait
if errorlevel 1 (call :log "FAILED: psconfig exit code %ERRORLEVEL%; read Upgrade.log" & exit /b 1)
call :log "Configuration finished; verify this server before the next one"
exit /b 0

:install
rem PACKAGE holds a quoted path; it is echoed directly, never passed through call, which would expand a percent sign in it again.
echo Installing %PACKAGE%
>>"%LOG%" echo %DATE% %TIME% Installing %PACKAGE%
start "" /wait %PACKAGE%
set "RC=%ERRORLEVEL%"
if "%RC%"=="0" exit /b 0
if "%RC%"=="3010" (call :log "Installed; Windows asks for a restart" & exit /b 0)
echo FAILED: exit code %RC%
>>"%LOG%" echo %DATE% %TIME% FAILED: exit code %RC%
exit /b 1

:log
echo %~1
>>"%LOG%" echo %DATE% %TIME% %~1
exit /b 0
