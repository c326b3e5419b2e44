/* schema.h — the migrations embedded from schema/ (see cmake/embed.cmake). */
#ifndef KEFU_SCHEMA_H
#define KEFU_SCHEMA_H

struct kf_migration {
	int		 number;	/* NNN of schema/NNN_name.sql */
	const char	*name;
	const char	*sql;
};

extern const struct kf_migration kf_migrations[];
extern const int kf_migrations_count;

#endif
