/*
 * deploy_san.c — linked into kefu_deploy in the sanitizer build only.
 *
 * Why: kefu_deploy is installed setgid by tests/stress/deploy.sh and run by
 * a Unix user who is not root. The kernel makes such a process
 * non-dumpable, and two things follow for the sanitizer runtime:
 *   - it reads ASAN_OPTIONS etc. from /proc/self/environ, which a
 *     non-dumpable process may not read: every *_OPTIONS is ignored;
 *   - LeakSanitizer's end-of-run scan ptrace()s the process from a helper
 *     task, which is refused without CAP_SYS_PTRACE: it reports "fatal
 *     error ... does not work under ptrace" and exits 1, replacing the exit
 *     code the test checks. (Making the process dumpable again so the scan
 *     could run would let the user ptrace a setgid program: not an option.)
 * So only in that case — secure mode (setgid exec) and a real uid other
 * than root — this turns the leak scan off. AddressSanitizer and
 * UndefinedBehaviorSanitizer stay on (the build makes every error fatal);
 * root's runs of kefu_deploy, and every other test, keep leak detection.
 */
#include <sys/auxv.h>
#include <unistd.h>

const char *__asan_default_options(void);

const char *
__asan_default_options(void)
{
	if (getauxval(AT_SECURE) != 0 && getuid() != 0)
		return "detect_leaks=0";
	return "";
}
