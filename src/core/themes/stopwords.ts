/**
 * Words that never name a theme and carry no topic on their own: English
 * function words and the stock vocabulary of paper abstracts. Generic on
 * purpose — nothing here knows about any particular corpus.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above across after again against all almost along already also although always am among an and another any
  are around as at be became because become becomes been before being below between beyond both but by can cannot could
  did do does doing done down during each either else enough especially etc even ever every few for from further
  furthermore had has have having he her here hers herself him himself his how however i if in into is it its itself
  just least less like likely many may me might more moreover most mostly much must my neither never nevertheless no
  nor not now of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps
  rather same she should since so some still such than that the their theirs them themselves then thence there
  thereby therefore these they this those though through throughout thus to together too toward towards under until
  up upon us very via was we well were what whatever when where whereas whether which while who whom whose why will
  with within without would yet you your yours yourself
  able achieve achieved achieves achieving across additionally address addresses addressing advance advances
  allow allows approach approaches based best better broad case cases challenge challenges challenging
  common compared comparison comprehensive conduct consider considered consistent consistently contribution
  contributions current currently demonstrate demonstrated demonstrates demonstrating design designed despite
  different directly effective effectively effectiveness efficient efficiently enable enabled enables enabling
  existing experiment experimental experiments extensive extensively first focus focuses framework frameworks
  further given good great high however improve improved improvement improvements improves improving include
  includes including key lack large leading leads lead leverage leverages leveraging limited make makes making
  method methods new novel numerous outperform outperforms overall paper particular particularly performance perform
  performs present presents previous prior problem problems promising propose proposed proposes providing
  provide provides recent recently remain remains require requires respectively result results second several show
  shown shows significant significantly simple solution solutions specific specifically state strong study
  studies studying substantial substantially successful successfully suggest superior take task tasks technique
  techniques three toward two typically unlike use used uses using various via well whereas wide
  widely work works yield yields www http https github com org io html code available project page`
    .split(/\s+/)
    .filter((word) => word !== ''),
);
