// Tests create real git repositories; give them an identity on machines that have none.
process.env.GIT_AUTHOR_NAME ??= 'greenlight tests';
process.env.GIT_AUTHOR_EMAIL ??= 'tests@greenlight.invalid';
process.env.GIT_COMMITTER_NAME ??= 'greenlight tests';
process.env.GIT_COMMITTER_EMAIL ??= 'tests@greenlight.invalid';
process.env.GIT_CONFIG_NOSYSTEM = '1';
