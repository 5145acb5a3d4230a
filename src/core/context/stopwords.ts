/**
 * Words that carry no retrieval signal in a task: English function words, words every
 * issue uses ("add", "test", "fix", "should"), and keywords every source file has.
 * Dropping them keeps the lexical scan fast and its scores meaningful.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `
a about above after again all also am an and any are as at be because been before being below between both but by
can could did do does doing done down during each either else etc even ever every few for from further get gets got
had has have having he her here hers him his how i if in into is it its itself just let like make makes may me might
more most much must my need needs no nor not now of off on once only or other our ours out over own please same
see seems she should since so some such than that the their theirs them then there these they this those though
through thus to too under until up upon us use used uses using very via was way we well were what when where which
while who whom whose why will with within without would yet you your yours
add adds added adding allow allows also change changes changed create creates currently feature features fix fixes
fixed fixing implement implemented instead issue issues new now one ones sure support supports supported test tests
tested testing unit work works thing things case cases want wants expected actual behavior behaviour correct
correctly properly right wrong example examples e g eg ie ok okay hi hello thanks thank able currently
const var function return import export from class def self true false null none nil undefined void int string
number bool boolean async await new public private protected static package func type interface struct impl fn mod
pub end elif begin require module`
    .split(/\s+/)
    .filter(Boolean),
);
