/**
 * Where greenlight looks for its configuration in a repository. A module of its own so
 * that code needing only the path (the Action's input reading, which runs before the
 * engine loads) does not load the YAML parser with it.
 */
export const DEFAULT_CONFIG_PATH = '.github/greenlight.yml';
