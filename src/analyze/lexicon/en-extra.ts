import type { WeightGroups } from './groups.ts';

/**
 * English beyond AFINN: the words of complaints and reviews. Keys are
 * lowercase words; inflected forms are reached through stem-en.ts, so
 * "refund" also covers "refunds" and "refunded". These override AFINN.
 */
export const EN_EXTRA: WeightGroups = [
  [-4, `scam scams scammer scammers scammed fraud fraudulent ripoff thieves crooks worst inedible unusable
    disgusting horrendous atrocious abysmal appalling`],
  [-3, `rude unprofessional incompetent useless unacceptable overcharged overcharge nightmare filthy lousy
    crap crappy junk garbage rubbish pathetic defective unhelpful disrespectful dishonest liar liars
    poorly terrible horrible awful dreadful worse waste wasted rip-off unwatchable unbearable insulting
    ridiculous mess disaster disappointing disappointment disappointed disappoint sucks sucked suck
    stupid idiotic pointless boring dull lame cheesy predictable uninspired worthless trash bad
    uninstalled uninstalling uninstall dissatisfied dissatisfaction unsatisfied stench reeked reeks
    cockroach cockroaches roaches bedbugs infested disrepair shite chargeback chargebacks`],
  [-2, `broken broke refund refunds refunded overpriced slow slower delayed delay delays late cancelled canceled
    crash crashes crashed crashing glitch glitches glitchy buggy bug bugs laggy lag freezes freezing froze
    unresponsive ignored ignoring dirty smelly stale bland undercooked overcooked soggy tasteless mediocre
    subpar flimsy faulty damaged missing stuck unfriendly impolite arrogant condescending complaint
    complained complaining hassle avoid beware annoying annoyed frustrating frustrated confusing confused
    sloppy careless lazy noisy cramped uncomfortable tedious forgettable wooden amateurish clumsy weak
    poor wrong misleading spam spammy sick hate hated hates problem problems issue issues error errors
    fail fails failed failure charged fee fees expensive cold lukewarm
    greasy burnt dry tough rubbery rotten moldy bug-ridden outdated clunky unreliable unstable waited
    pretentious generic unremarkable shallow cliche cliched clichéd contrived overacted overacting unconvincing
    outage outages implausible incoherent nonsensical mindless tiresome overrated overlong drags dragged awkward forced stinks
    stunk snooze yawn flop redundant unoriginal uninteresting unfunny uneven mess-up lacking
    inaccurate intrusive mold mould mildew damp dank stained stains sagging treacherous popups
    disinformation propaganda biased`],
  [-1, `pricey cheap meh average lacks lack sorry unfortunately sadly anymore wait waiting late miss too
    flat why`],
  [1, `fine decent ok okay reasonable fair fast quick prompt`],
  [2, `friendly helpful polite courteous attentive professional fresh clean tasty smooth seamless reliable
    intuitive enjoyed enjoyable affordable underrated cozy welcoming knowledgeable efficient responsive
    recommend recommended recommending worth solid nice pleasant comfortable easy well-made sturdy
    spacious cute funny`],
  [3, `delicious yummy spotless gem loved lovely gorgeous stunning superb brilliant masterpiece fantastic
    excellent amazing awesome outstanding wonderful perfect perfectly flawless impeccable incredible
    beautiful beautifully exceptional favourite favorite great best love loves`],
];

/**
 * AFINN weights that mislead on tweets and reviews ("like" as a preposition,
 * "no" as a negator, "loss" and "crisis" in plain sports and news reports).
 */
export const EN_OVERRIDES: WeightGroups = [
  [0, `please want yes god united justice care joke help pay top free well certain honest honestly wish agreed
    big feeling interest interested again fan fans`],
  [1, `like likes lol haha hah thank thanks pretty super cool kind grand bold`],
  [2, `popular badass lmao lmfao`],
  [-2, `loss lost crisis hell`],
];

/**
 * Tweet slang, interjections, superlatives and comparatives AFINN lacks (stem-en.ts does
 * not reach "-est"/"-er" forms: "banner" is no ban), and "hate" back at AFINN's -3: tweets say it plainly.
 */
export const EN_SLANG: WeightGroups = [
  [-3, `smh ffs fml stfu cringe cringy cringey hypocrite hypocrites hypocrisy coward cowardly disgrace
    disgraceful racist racism sexist bigot bigots liars saddest dumbest ugliest hate hated hates theft
    angrier angriest disgruntled`],
  [-2, `ugh ughh yikes eww ew meh boo booo tired exhausted exhausting sadly sucky bs unanswered sadder
    stranded lose`],
  [2, `yay yayy woo woohoo pumped stoked hyped psyched dope lit legend legendary blessed bae`],
  [3, `cutest coolest nicest funniest sweetest happiest prettiest loveliest greatest happier`],
];

/** Neutral words whose negation is a complaint ("not working", "no answer", "never arrived"). */
export const EN_NEGATED_NEUTRAL: WeightGroups = [
  [-2, `work works working worked answer answered respond responded response reply replied arrive arrived
    deliver delivered received receive fix fixed help helped load loads loading open opens
    return returned connect connects signal honor honored resolve resolved plot sense point story
    chemistry effort logic depth suspense tension substance redeeming originality reason clue idea
    show showed notification notifications notice wifi receipt update updates heard info information
    email emails confirmation compensation communication explanation`],
];

/** Profanity keeps its sign under negation ("no fucks given", "don't give a shit"). */
export const EN_PROFANITY = ['fuck', 'fucks', 'fucking', 'fucked', 'shit', 'shitty', 'bullshit', 'damn', 'crap', 'hell'];
