/*
 * out.c — what every command prints with: errors, padded columns, JSON,
 * passwords; and files opened as the person.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "kefu/clock.h"
#include "kefu/file.h"
#include "kefu/policy.h"
#include "kefu/util.h"

int
cli_fail(const struct kf_err *err)
{
	/* The message may quote what was typed or stored: shown harmlessly. */
	fputs("kefu: ", stderr);
	cli_text(stderr, err->msg[0] ? err->msg : kf_rc_name(err->rc));
	fputc('\n', stderr);
	return kf_rc_exit(err->rc);
}

void
cli_text(FILE *f, const char *s)
{
	const char *p = s ? s : "-";

	/* A stored value edited outside kefu could hold escape sequences:
	 * print control and format characters as '?', never raw. */
	while (*p) {
		bool bad = false;
		unsigned cp;
		size_t n = kf_utf8_decode(p, &cp, &bad);

		if (bad || kf_unsafe_char(cp))
			fputc('?', f);
		else
			fwrite(p, 1, n, f);
		p += n;
	}
}

void
cli_pad(FILE *f, const char *s, int width)
{
	int w;

	if (s == NULL)
		s = "-";
	cli_text(f, s);
	for (w = kf_utf8_width(s); w < width; w++)
		fputc(' ', f);
}

void
cli_json_str(FILE *f, const char *s)
{
	struct kf_buf b = { 0 };

	kf_buf_json_str(&b, s);
	fputs(kf_buf_str(&b), f);
	kf_buf_free(&b);
}

/* Reads one line from f into an allocated string, without its newline. */
static char *
read_line(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if ((n = getline(&line, &cap, f)) < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static volatile sig_atomic_t interrupted;

static void
on_interrupt(int sig)
{
	interrupted = sig;
}

/*
 * Reads a line with echo off. Ctrl-C, a hang-up or SIGTERM while it waits
 * restore the terminal first (echo would otherwise stay off in the shell)
 * and then end the program as the signal would have.
 */
static char *
ask_tty(FILE *tty, const char *prompt)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa, saved[4];
	struct termios old, quiet;
	char *line;
	size_t i;

	fputs(prompt, stderr);
	fflush(stderr);
	if (tcgetattr(fileno(tty), &old) != 0)
		return read_line(tty);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;	/* no SA_RESTART: the read returns */
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &saved[i]);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	line = interrupted ? NULL : read_line(tty);
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &saved[i], NULL);
	fputc('\n', stderr);
	if (interrupted) {
		free(line);
		raise(interrupted);
		exit(1);
	}
	return line;
}

char *
cli_read_password(const char *prompt, bool confirm)
{
	char *a, *b;

	if (!isatty(STDIN_FILENO)) {
		if ((a = read_line(stdin)) == NULL)
			fprintf(stderr, "kefu: no password on standard input\n");
		return a;
	}
	if ((a = ask_tty(stdin, prompt)) == NULL)
		return NULL;
	if (!confirm)
		return a;
	if ((b = ask_tty(stdin, "Again: ")) == NULL || strcmp(a, b) != 0) {
		fprintf(stderr, "kefu: the passwords differ\n");
		free(a);
		free(b);
		return NULL;
	}
	free(b);
	return a;
}

/* (cli.h) */
FILE *
open_as_person(const struct cli *c, const char *path, const char *mode)
{
	gid_t egid = getegid();
	FILE *f;
	int saved;

	if (c->start.deployed && setegid(getgid()) != 0)
		return NULL;
	/* Written for the person: theirs alone (kefu/file.h), never the
	 * umask's 0660. Read: as fopen. */
	if (mode[0] == 'w') {
		int fd = kf_file_private(path, true);

		f = fd < 0 ? NULL : fdopen(fd, mode);
		if (f == NULL && fd >= 0)
			close(fd);
	} else
		f = fopen(path, mode);
	saved = errno;
	if (c->start.deployed && setegid(egid) != 0) {
		if (f != NULL)
			fclose(f);
		f = NULL;
	}
	errno = saved;
	return f;
}

int
unlink_as_person(const struct cli *c, const char *path)
{
	gid_t egid = getegid();
	int x;

	if (c->start.deployed && setegid(getgid()) != 0)
		return -1;
	x = unlink(path);
	if (c->start.deployed && setegid(egid) != 0)
		return -1;
	return x;
}

/* (cli.h) */
bool
cli_when(struct cli *c, const char *s, int64_t *t)
{
	struct kf_err err;

	kf_err_clear(&err);
	if (kf_time_when(s, kf_core_now(c->k), false, t, &err) != KF_OK) {
		cli_fail(&err);
		return false;
	}
	return true;
}

bool
cli_when_past(struct cli *c, const char *s, int64_t *t)
{
	struct kf_err err;

	kf_err_clear(&err);
	if (kf_time_when(s, kf_core_now(c->k), true, t, &err) != KF_OK) {
		cli_fail(&err);
		return false;
	}
	return true;
}
