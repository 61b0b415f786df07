"""Word lists behind the politeness strategies, written by hand for this project (the paper's Liu et
al. lexicon cannot be downloaded); why words are in or out: docs/tone.md, "Lexicons"."""

POSITIVE = frozenset("""
accomplished admire admired admirable amazing appreciate appreciated appreciative awesome beautiful
benefit beneficial best better brilliant calm clean clear clever comfortable commendable cool
correct courteous creative delighted delightful easy effective elegant encouraging enjoy enjoyed
enjoying enthusiastic excellent exceptional excited exciting fabulous fair fantastic fascinating
favorite favourite fortunate free friendly fun generous gentle genuine glad good
gorgeous grateful great happy helpful helped honest honored honoured hope hopeful ideal impressed
impressive incredible insightful inspiring inspired interesting kind kindly kudos love loved lovely
lucky marvelous marvellous meaningful neat nice outstanding patience patient perfect pleasant
pleased pleasure polite positive powerful precious productive proud quality recommend
recommended reliable remarkable respect respected rewarding robust smart solid sound splendid
stellar straightforward strong success successful super superb support supportive sure terrific
thoughtful thorough top treasure useful valuable warm welcome well willing wise wonderful worth
worthwhile wow
""".split())

NEGATIVE = frozenset("""
abuse abusive absurd afraid aggressive angry annoy annoyed annoying anxious arrogant ashamed awful
bad badly bias biased bizarre blame blatant bogus boring broken bug buggy careless clueless
complain complaint confused confusing crap crappy crazy damn damage damaged dead delete deleted
destroy destroyed destructive difficult disagree disappointed disappointing disaster disgusting
dishonest dislike disruptive doubt dreadful dull dumb error errors evil fail failed failing fails
failure fake false fault faulty fool foolish garbage hack hard harm harmful hate hated hell
horrible hostile hurt idiot idiotic ignorant ignore ignored ignoring illegal impossible inaccurate
incompetent incorrect insane insult insulting irrelevant lame lazy liar lie lied lies lousy mad
mess messy mislead misleading mistake mistaken mistakes nasty negative nonsense obnoxious
offensive outrageous pathetic pointless poor poorly problem problematic propaganda racist
ridiculous rude sad scam screw screwed shame shameful shit silly slow sloppy spam stupid suck
sucks terrible threat threaten ugly unacceptable unclear unfair unfortunate unfortunately
unhappy unhelpful unreasonable useless vandal vandalism vandalize vandalized vague waste wasted
weird worse worst worthless wrong wrongly
""".split())

HEDGES = frozenset("""
almost apparently appear appeared appears approximately arguably assume assumed believe essentially
estimate feel felt generally guess hopefully largely likely mainly may maybe might mostly
occasionally perhaps plausible possible possibly presumably probably quite rather relatively
roughly seem seemed seems somewhat sometimes suggest suggested suppose supposed suspect think
thought typically unclear unlikely usually wonder wondered wondering
""".split())

# Multi-word hedges, matched as phrases.
HEDGE_PHRASES = (
    "a bit", "a little", "kind of", "sort of", "tend to", "tends to", "in my opinion", "in my view",
    "to my knowledge", "as far as i know", "if i understand correctly", "it seems", "not sure",
)
