/**
 * Content that performs I/O: network, processes, the file system, databases, the
 * environment, dynamic code. A data transformation is `low-medium` only when its
 * content shows none of these (a "parser" that fetches over the network or spawns
 * processes is `medium`). Patterns cover JS/TS, Python, Go, Java/Kotlin, Ruby, Rust.
 */
import { combinePatterns } from './combine-patterns.ts';

export const IO_PATTERNS: readonly RegExp[] = [
  // JS/TS
  /\bfetch\s*\(/,
  /\baxios\b/,
  /\bXMLHttpRequest\b/,
  /\bnew\s+WebSocket\b/,
  /\bexeca\b/,
  /\bundici\b/,
  /(?:require\s*\(\s*|from\s+|import\s*\(\s*)['"](?:node:)?(?:http|https|http2|net|dgram|tls|dns|child_process|fs|fs\/promises|worker_threads|cluster)['"]/,
  /(?<![.\w$])(?:exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)\s*\(/,
  /\bprocess\.env\b/,
  /\bDeno\.(?:run|Command|readFile|writeFile|connect)/,
  // Python
  /^\s*(?:import|from)\s+(?:requests|urllib|urllib3|httpx|aiohttp|socket|subprocess|http\.client|ftplib|smtplib|paramiko|boto3|botocore|psycopg2?|pymysql|sqlite3|redis|pymongo|sqlalchemy)\b/m,
  /\b(?:requests|httpx|session)\.(?:get|post|put|patch|delete|head|request)\s*\(/,
  /\bsubprocess\./,
  /\bos\.(?:system|popen|exec\w*|spawn\w*|environ|getenv|remove|unlink|rename)\b/,
  /\burlopen\s*\(/,
  /(?:^|[^.\w])open\s*\(/m,
  /\bshutil\./,
  /\bPath\([^)]*\)\.(?:write|read|unlink|mkdir)/,
  /(?<![.\w$])(?:eval|exec)\s*\(/,
  // Go
  /"(?:net|net\/http|net\/rpc|os\/exec|database\/sql|io\/ioutil|syscall)"/,
  /\bexec\.Command(?:Context)?\s*\(/,
  /\bhttp\.(?:Get|Post|Head|NewRequest\w*|DefaultClient)\b/,
  /\bos\.(?:Open|OpenFile|Create|WriteFile|ReadFile|Remove|RemoveAll|Getenv|LookupEnv|Exec)\b/,
  /\bsql\.Open\s*\(/,
  /\bnet\.(?:Dial|Listen)\w*\s*\(/,
  // Java / Kotlin
  /\bHttpClient\b/,
  /\b(?:Http)?URLConnection\b/,
  /\bnew\s+URL\s*\(/,
  /\bRuntime\.getRuntime\(\)\.exec/,
  /\bProcessBuilder\b/,
  /\bOkHttpClient\b/,
  /\bRestTemplate\b/,
  /\bWebClient\b/,
  /\bjava\.(?:net|nio\.file)\b/,
  /\bFiles\.(?:read|write|newBuffered|lines|delete|copy|move)\w*/,
  /\bFile(?:Input|Output)Stream\b/,
  /\bFile(?:Reader|Writer)\b/,
  /\bSystem\.getenv\b/,
  /\bJdbcTemplate\b|\bDriverManager\b|\bEntityManager\b/,
  // Ruby
  /\bNet::HTTP\b/,
  /\bFaraday\b/,
  /\bHTTParty\b/,
  /\bopen-uri\b/,
  /\bURI\.open\b/,
  /\bRestClient\b/,
  /\bOpen3\b/,
  /\bIO\.popen\b/,
  /\bKernel\.(?:system|exec|spawn)\b/,
  /(?:^|[\s(=])(?:system|spawn)\s*\(?\s*['"]/m,
  /%x[({[]/,
  /\bFile\.(?:open|read|write|delete)\b/,
  /\bENV\[/,
  /\bActiveRecord\b/,
  // Rust
  /\breqwest\b/,
  /\bhyper::/,
  /\bstd::process\b/,
  /\bCommand::new\b/,
  /\bstd::net\b/,
  /\bstd::fs\b/,
  /\bFile::(?:open|create)\b/,
  /\btokio::(?:net|fs|process)\b/,
  /\bstd::env::var\b/,
  /\bsqlx::/,
  /\bdiesel::/,
  // Databases from any language
  /\b(?:SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b[^\n]*\b(?:FROM|VALUES|SET|WHERE)\b/,
  /\.(?:query|execute|executemany|raw)\s*\(/,
  /\bcursor\s*\(/,
  /\bprisma\.\w+\.\w+\s*\(/,
  /\bknex\b/,
  /\.objects\.(?:filter|get|all|create|update|delete|exclude)\b/,
  /\bsession\.(?:query|execute|add|commit|delete)\b/,
];

const COMBINED = combinePatterns(IO_PATTERNS);

/** What I/O `text` shows first (the matched text, trimmed), or null when it shows none. */
export function ioEvidence(text: string): string | null {
  for (const pattern of COMBINED) {
    const match = pattern.exec(text);
    if (match !== null) return match[0].trim().replace(/\s+/g, ' ').slice(0, 60);
  }
  return null;
}

/** True when any of `texts` shows I/O. */
export function hasIo(...texts: readonly string[]): boolean {
  return texts.some((text) => text !== '' && COMBINED.some((pattern) => pattern.test(text)));
}
