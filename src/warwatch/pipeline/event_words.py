"""The event lexicon: trigger words and phrases by family, and the cue words typing uses.

Data, not logic: ``events`` reads a sentence with these lists. A family is a kind of trigger
(a fight, a kill, a capture, an air strike, ...); cue sets name the targets, means, crowds and
framings (summaries, intentions, figurative uses) that decide a trigger's ACLED sub-event type.
Extend a list here to teach the rules a word; the rules themselves live in ``events``.
"""

from __future__ import annotations

import re


def _from_a_letter(pattern: str) -> re.Pattern[str]:
    """``pattern``, each alternative of which begins with a lower-case letter, compiled to say so: Python's regex
    engine tries every alternative at every character, and the look-ahead rules out the ends of words and the spaces
    and stops between them at once (it halves the time of these long alternations; the matches are the same)."""
    return re.compile(f"(?=[a-z])(?:{pattern})")


# lemma -> family. A family is a kind of trigger; typing turns it into a sub-event type.
CHEMICAL_AGENTS = frozenset("chlorine sarin chloropicrin".split())  # named alone, an agent: see events._family
TRIGGERS: dict[str, str] = {
    **dict.fromkeys(
        (
            "clash fight fighting battle skirmish firefight gunfight gunbattle ambush assault offensive repel "
            "repulse counterattack counter-attack counteroffensive engage raid storm besiege rout"
        ).split(),
        "fight",
    ),
    **dict.fromkeys("attack strike hit target fire raid storm shot gunfire shooting invade".split(), "attack"),
    **dict.fromkeys(
        "kill murder execute behead massacre slay shoot gun stab assassinate assassination strangle martyr "
        "killing".split(),
        "kill",
    ),
    **dict.fromkeys("lynch lynching lynched".split(), "lynch"),
    **dict.fromkeys("beat torture injure wound hack assault mutilate maim whip flog".split(), "harm"),
    **dict.fromkeys("capture seize overrun overran occupy".split(), "capture"),  # occupy: a town, not a hall
    **dict.fromkeys("recapture retake retook retaken regain liberate reclaim reoccupy reoccupie".split(), "regain"),
    **dict.fromkeys("airstrike air-strike airstrikes warplane jet bomber helicopter drone".split(), "air"),
    **dict.fromkeys("shell shelling artillery mortar rocket missile howitzer projectile".split(), "shell"),
    **dict.fromkeys("bombard bombardment pound".split(), "bombard"),  # by aircraft or artillery
    **dict.fromkeys("bomb bombing".split(), "bomb"),  # from the air with aircraft named, else planted (an IED)
    **dict.fromkeys("ied landmine mine explosive detonate".split(), "ied"),
    **dict.fromkeys("explosion blast".split(), "blast"),
    **dict.fromkeys(["grenade"], "grenade"),
    **dict.fromkeys(CHEMICAL_AGENTS, "chemical"),
    **dict.fromkeys("rape raped raping".split(), "sexual"),
    **dict.fromkeys("abduct kidnap abduction kidnapping hostage hijack snatch".split(), "abduct"),
    **dict.fromkeys(
        (
            "protest protester demonstrate demonstration demonstrator rally march marcher sit-in vigil agitate walkout "
            "picket stayaway bandh hartal dharna"
        ).split(),
        "protest",
    ),
    **dict.fromkeys("riot rioter mob pelt".split(), "riot"),
    **dict.fromkeys("ceasefire truce".split(), "agreement"),
    **dict.fromkeys("arrest detain apprehend".split(), "arrest"),
    **dict.fromkeys("disperse intervene dissolve".split(), "intervene"),
    # disarm, dismantle, deactivate: of a weapon (``WEAPON_DISRUPTIONS``)
    **dict.fromkeys("defuse thwart foil disarm dismantle deactivate".split(), "disrupt"),
    **dict.fromkeys(  # a group remade
        "merge merger defect defection rename disband dissolution unification reunification rejoin".split(), "change"
    ),
    **dict.fromkeys(
        "loot plunder ransack pillage torch raze vandalize vandalise burn destroy demolish".split(), "loot"
    ),
    # kept only for a media release by an armed group (events._media_release)
    **dict.fromkeys("release publish broadcast air post circulate".split(), "release"),
}

# What an armed group releases that makes a media release (ACLED: Strategic developments / Other).
MEDIA_WORKS = frozenset(
    "video recording audio statement message footage tape speech clip communique communiqué sermon photograph photo "
    "image picture".split()
)

# Multi-word triggers, matched on the lower-cased sentence: regex -> family.
# People whom armed men "took" or "took away" were abducted.
_TAKEN = (
    "(?:passengers|villagers|chiefs?|people|men|women|children|students|teachers?|workers|employees|residents|farmers"
    "|traders|civilians|elders|officials|pupils|worshippers|girls|boys|hostages)"
)
_PHRASE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\bair ?(?:strike|raid|attack|bombardment)s?\b", "air"),
    (r"\b(?:grenade|rocket)[- ]launchers?\b|\brpgs?\b|\banti-tank (?:guided )?missiles?\b", "shell"),
    (r"\bdrone (?:strike|attack)s?\b", "air"),
    (
        r"\bsuicide (?:bomb(?:er|ing)?|attack(?:er)?|vest|car bomb(?:er|ing)?)s?\b"
        r"|\b(?:blew|blowing) (?:him|her|them)sel(?:f|ves) up\b",
        "suicide",
    ),
    (r"\b(?:car|truck|roadside|road-side|parcel|motorcycle) bombs?\b|\bvbied\b|\bexplosive device\b", "ied"),
    (
        r"\b(?:remote-controlled|remotely detonated|improvised|homemade|home-made) "
        r"(?:explosive )?(?:devices?|bombs?)\b",
        "ied",
    ),
    (r"\bexplosives?[- ](?:laden|packed|rigged|filled|loaded) (?:vehicle|car|truck|lorry|motorcycle)s?\b", "ied"),
    (  # the driver rams it home: a suicide car bomb
        r"\b(?:rammed|drove|ploughed|plowed) (?:an? |his |her |their )?(?:explosives?|bomb)[- ]"
        r"(?:laden|packed|rigged|filled|loaded) (?:vehicle|car|truck|lorry|pickup|van|motorcycle|motorbike)\b"
        r"|\b(?:rammed|drove|ploughed|plowed) (?:an? |his |her |their )?(?:vehicle|car|truck|lorry|pickup|van) "
        r"(?:laden|packed|rigged|filled|loaded) with (?:explosives|a bomb)\b"
        r"|\b(?:detonated|set off|triggered) (?:his|her|their) "
        r"(?:explosives?|(?:suicide |explosive )?(?:vest|belt|device)s?)\b"
        r"|\b(?:detonated|set off|triggered) an? (?:suicide |explosive )?(?:vest|belt)\b"
        r"|\bstrapped with explosives\b|\bexplosives? strapped to (?:his|her|their) bod(?:y|ies)\b"
        r"|\bexplosives?[- ](?:laden|packed) (?:vehicle|car|truck|lorry|pickup)s? "
        r"(?:was|were) rammed\b",
        "suicide",
    ),
    (
        r"\bchemical (?:attack|weapon|munition|agent|shell|bomb)s?\b|\b(?:toxic|poison|mustard|nerve|choking) "
        r"(?:gas|agent|chemical)s?\b|\b(?:releas(?:ed|ing)|emitt(?:ed|ing)|spread(?:ing)?) an? (?:[\w-]+ ){0,2}?gas\b"
        r"|\b(?:munitions|grenades|shells|bombs) (?:loaded|filled|laced) with (?:the )?(?:irritant|toxic|poison)",
        "chemical",
    ),
    (r"\b(?:peaceful|opposition|anti-[\w-]+|protest) (?:gathering|assembly|crowd)s?\b", "protest"),
    (r"\bsexual(?:ly)? (?:violence|assault(?:ed)?|abuse)\b", "sexual"),
    (r"\bcame under (?:heavy )?(?:fire|attack)\b|\bopened fire\b", "attack"),
    (  # a crowd dispersed
        r"\btear[- ]?gass(?:ed|ing)\b|\bbaton[- ]charg(?:ed|ing|es)\b"
        r"|\b(?:broke|break|breaks|breaking|broken) up(?= (?:[\w-]+ ){0,3}?(?:gathering|protest|demonstration|rally|"
        r"march|crowd|sit-in)s?\b)"  # the gathering stays a trigger of its own
        r"|\b(?:with|fired|used|using|deployed|sprayed) (?:water cannons?|pepper spray)\b"
        r"|\bpush(?:ed|ing)? (?:the |a )?(?:crowds?|protesters|demonstrators|marchers) back\b",
        "intervene",
    ),
    (r"\bshoot-?outs?\b|\bgun ?battles?\b|\bfire ?fights?\b", "fight"),
    (r"\b(?:in|from) both directions\b", "fight"),  # fire both ways across a front line is an exchange
    (r"\b(?:shot|shoot|shoots|shooting) down\b|\bdowned\b", "shootdown"),
    (r"\b(?:shot|fired) back\b|\breturn(?:ed|ing)? (?:the )?fire\b|\bresponded with (?:their )?guns\b", "fight"),
    (r"\bwith heavy (?:weapons|artillery)\b", "shell"),
    (  # crowd control used, by whatever verb: "lobbed tear gas", "used water cannon", "sprayed pepper spray"
        r"\b(?:lob|use|spray|deploy|fire|shoot|throw|hurl|turn)(?:s|ed|bed|ing|bing)? (?:[\w-]+ ){0,3}?"
        r"(?:tear ?gas|teargas|water cannons?|rubber bullets|pepper spray|stun grenades)\b"
        r"|\b(?:clear(?:ed|s|ing)?|dismantl(?:ed|es|ing)|lift(?:ed|s|ing)?) (?:an? |the |their )?(?:[\w'’-]+ ){0,2}?"
        r"(?:blockade|barricades|sit-in|encampment|protest camp)s?\b",
        "intervene",
    ),
    (  # riot control agents dropped in war: "dropped tear-gas grenades on trenches"
        r"\b(?:grenades?|munitions?|shells?|bombs?|canisters?) (?:loaded|filled|laced|charged) with (?:cs|tear|toxic|"
        r"poison|irritant|chlorine|chemical)"
        r"|\b(?:tear[- ]?gas|irritant|cs[- ]gas|toxic|poison) (?:gas )?(?:grenades?|munitions?|canisters?|bombs?)\b"
        r"[^.]{0,40}?\bdropped\b|\bdropp(?:ed|ing) (?:[\w-]+ ){0,3}?(?:tear[- ]?gas|irritant|cs[- ]gas|toxic|poison)"
        r" (?:gas )?(?:grenades?|munitions?|canisters?|bombs?)\b",
        "chemical",
    ),
    (r"\bunexploded (?:ordnance|ordinance|munitions?|shells?|bombs?|devices?)\b", "ied"),
    (
        r"\b(?:gathered|assembled|converged)\b[^.]{0,100}?"
        r"\b(?:to (?:demand|protest|denounce|condemn|call for|oppose|reject|press for)|demanding|denouncing|chanting"
        r"|calling for|against|in protest|in solidarity)\b",
        "protest",
    ),
    (
        r"\bexchang(?:ed|e|es|ing) (?:of )?(?:heavy |intense |sporadic )?"
        r"(?:(?:heavy |light |small )?(?:weapons?|arms|machine-?gun|gun) )?(?:fire|gunfire|shots)\b"
        r"|\btrad(?:ed|es|ing) (?:heavy )?(?:gun)?fire\b"
        r"|\bfought (?:one another|each other)\b",
        "fight",
    ),
    (r"\b(?:body|bodies|corpse|remains) of\b[^.]{0,60}\b(?:was|were) (?:found|discovered|recovered)\b", "kill"),
    (r"\b(?:was|were) found (?:dead|murdered|killed|shot|beheaded|dismembered)\b", "kill"),
    (r"\blost (?:their|his|her) lives?\b|\bston(?:ed|ing) (?:[\w-]+ ){0,4}?to death\b", "kill"),
    (r"\b(?:threw|hurled|pelted|throwing|hurling|pelting) (?:stones|rocks|bricks|petrol bombs|molotov)", "riot"),
    (
        r"\bburn(?:ed|t|ing)? (?:tyres|tires)\b"
        r"|\bset (?:fire|ablaze)\b[^.]{0,40}\b(?:police|station|office|vehicle)",
        "riot",
    ),
    (
        r"\bset (?:\w+ ){0,4}?(?:on fire|ablaze|alight)\b|\bset fire to\b|\bburn(?:ed|t) down\b"
        r"|\b(?:blew|blown|blowing) up (?:[\w-]+ ){0,3}?(?:homes?|houses?|buildings?|bridges?|mosques?|churches?|"
        r"schools?|shops?)\b",
        "loot",
    ),
    (  # goods taken away: "carted away goods", "carried off livestock", "made off with cash"
        r"\bcart(?:ed|s|ing)? (?:away|off)\b|\bcarr(?:ied|ies|y|ying) off\b|\bma(?:de|ke|kes|king) off with\b"
        r"|\buproot(?:ed|s|ing)? (?:[\w-]+ ){0,3}?(?:trees|saplings|crops|vines|orchards?|groves?)\b",
        "loot",
    ),
    (
        r"\btook control of\b|\btook over\b|\bfell to\b|\bgained control\b|\btaken (?:a|the|control)\b"
        r"|\bfall of (?:[\w'’-]+ ){1,5}?to\b",  # a capture told as a noun: "the fall of the town to the rebels"
        "capture",
    ),
    (  # fighters driven out of a place: "pushed the rebels out of the village", "pushed out government soldiers"
        r"\bpush(?:ed|es|ing)? out\b|\b(?:push(?:ed|es|ing)?|dr(?:ove|ive|ives|iving|iven)) (?:[\w-]+ ){1,4}?out of\b",
        "capture",
    ),
    (
        r"\b(?:taken|took|taking) captive\b"
        r"|\b(?:taken|whisked|bundled|driven|led|picked up) (?:[\w-]+ ){0,8}?by (?:[\w-]+ ){0,2}?(?:gunmen|kidnappers"
        r"|abductors|(?:armed|masked|unidentified|unknown|plainclothes|hooded) (?:men|individuals|assailants|persons"
        r"|people|group|gang)|(?:men|individuals|persons|people) in (?:plain ?clothes|civilian clothes))\b"
        r"|\b(?:took|taken|seized|led away|forced) (?:[\w'’-]+ ){0,8}?at gunpoint\b"
        r"|\b(?:armed|masked|plainclothes|hooded|unidentified) (?:men|individuals|assailants|persons) "
        r"(?:picked up|took away|whisked away|bundled|dragged away)\b"
        rf"|\btook (?:away )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|several|an? ) ?"
        rf"(?:[\w'’-]+ ){{0,4}}?{_TAKEN}\b(?! (?:into custody|to (?:hospital|safety)))"  # not the arrested or the hurt
        rf"|\btook away (?:[\w'’-]+ ){{0,5}}?{_TAKEN}\b"
        r"|\b(?:took (?:him|her|them)|(?:was|were) taken) (?:away )?from (?:his|her|their) (?:homes?|houses?|beds?)\b",
        "abduct",
    ),
    (r"\btaken an? (?:hill|town|village|city|base|district)\b", "capture"),
    (
        r"\blift(?:ed|ing)? (?:a|the)\b[\w\s-]{0,30}\bsiege\b|\bsecured the\b"
        r"|\b(?:took|take|takes|taken|taking|won|win|wins|winning) back (?:control of )?(?:the )?"
        r"(?:town|city|village|district|area|base|hill|port|airport|region|province|border|stronghold|capital)\b"
        r"|\brecover(?:ed|s|ing)? (?:control of )?the (?:town|city|village|district|base|hill|port|airport|locality"
        r"|area|commune|settlement|positions?|stronghold|capital)\b"
        r"|\b(?:back in|regained) control of\b"
        r"|\bend(?:ed|ing|s)? (?:more than |nearly |almost |over )?(?:[\w-]+ ){0,3}?of (?:[\w'’-]+ ){0,4}?"
        r"(?:control|occupation|rule)\b",  # "entered the town, ending five months of rebel control"
        "regain",
    ),
    (
        r"\bpick(?:ed|ing)? up (?:[\w'’-]+ ){0,4}?(?:supporters|activists|members|leaders|protesters|students"
        r"|journalists|critics|lawyers|opposition|leader|activist|journalist|lawyer)\b|\brounded up\b"
        r"|\b(?:took|taken|take|takes|taking) (?:[\w'’-]+ ){0,10}?into custody\b",
        "arrest",
    ),
    (
        r"\bwithout (?:a fight|resistance|any resistance|fighting|(?:firing )?a (?:single )?shot)\b|\bhanded over\b"
        r"|\bunopposed\b"
        r"|\b(?:withdr[ea]w from|pulled out of)\b"  # a place left (``LEAVING_VERBS``), not talks or a race
        r"|\bhand(?:ed|s|ing)? (?:over )?control\b|\bpass(?:ed|es|ing)? (?:in)?to (?:[\w-]+ ){0,2}?control\b"
        r"|\bhand-?overs? of\b"
        r"|\bhand(?:ed|s|ing)? (?:it|them|(?:the|its|their) (?:[\w-]+ ){0,3}?[\w-]+) over\b"  # "its camp in X over"
        r"|\bhand(?:ed|s|ing)? (?:it|them) to\b"
        r"|\bhand(?:ed|s|ing)? (?:[\w-]+ ){1,3}?back to\b"  # "handed Lashio back to the army"
        r"|\btransfer(?:red|s|ring)? (?:[\w-]+ ){0,4}?(?:base|camp|airport|post|town|village)s? "
        r"(?:[\w-]+ ){0,4}?to\b"
        r"|\b(?:hand|return)(?:ed|s|ing)? (?:[\w-]+ ){0,3}?(?:villages|towns|bases|camps|positions|posts|territory"
        r"|districts) "
        r"(?:[\w-]+ ){0,4}?to\b"
        # a place entered after its holders left it: "the RSF entered Wad Ashana after army units pulled out"
        r"|\b(?:entered|moved into)\b[^.;]{0,80}?\bafter (?:[\w-]+ ){1,4}?(?:withdrew|pulled out|retreated)\b",
        "transfer",
    ),
    (
        r"\bpeace (?:deal|agreement|accord)\b|\bprisoners? (?:swap|exchange)\b"
        r"|\bagreed (?:on|to) (?:an? |the )?(?:delimitation|demarcation|ceasefire|truce|exchange|swap|withdrawal"
        r"|release|cessation)\b|\bcessation of hostilities\b"
        r"|\bagreed (?:[\w-]+ ){0,3}?to (?:halt|stop|end|cease|suspend) (?:the |all )?"
        r"(?:firing|fire|fighting|hostilities|attacks|shelling|clashes)\b"  # "agreed on Thursday to halt firing"
        r"|\b(?:sign|ink)(?:ed|s|ing)? an? (?:\w+ )?(?:agreement|accord|pact|treaty|declaration|memorandum|document"
        r"|deal|protocol|roadmap|charter)\b"
        r"(?![^.]{0,60}?\b(?:to|for) (?:the )?(?:buy|purchase|sell|sale|supply|import|export))"  # not arms bought
        r"|\b(?:freed|released|handed (?:over|back)) (?:[\w,-]+ ){0,4}?(?:prisoners|detainees|captives|hostages|pows)\b"
        r"[^.]{0,80}?\b(?:in (?:an? )?(?:exchange|swap)|in return)\b"
        r"|\b(?:exchang(?:ed|e|es|ing)|swap(?:ped|s|ping)?) (?:[\w,-]+ ){0,3}?"
        r"(?:prisoners|detainees|captives|bodies|pows)\b"
        r"|\bswaps? of (?:\w+ )?(?:prisoners|detainees|captives|hostages|pows)\b",  # a prisoner swap is agreed
        "agreement",
    ),
    (
        r"\b(?:weapons?|arms|ammunition) (?:cache|dump)s?\b|\bseized (?:weapons|arms|ammunition|explosives)\b"
        r"|\bbomb disposal\b",
        "disrupt",
    ),
    (
        r"\b(?:recover(?:ed|s|ing)?|found|(?:unearth|uncover|discover)(?:ed|s|ing)?) (?:[\w,-]+ ){0,6}?"
        r"(?:weapons|arms|ammunition|explosives|rifles|guns|firearms|mortars|detonators)\b"
        r"|\bintercept(?:ed|s|ing)? (?:[\w-]+ ){0,4}?(?:packed|laden|loaded|rigged) with explosives\b"
        r"|\bintercept(?:ed|s|ing)? (?:[\w-]+ ){0,4}?carrying (?:[\w-]+ ){0,3}?(?:weapons|arms|missiles?|"
        r"explosives|ammunition|rockets|drones|components)\b"
        r"|\bintercept(?:ed|s|ing)? (?:[\w-]+ ){0,3}?(?:missiles?|rockets?|drones?|projectiles?|uavs?)\b",
        "disrupt",
    ),
    (
        r"\b(?:ran|run|runs|drove|driving) over an? (?:[\w-]+ )?(?:land ?)?mine\b"
        r"|\b(?:hit|hits|hitting|struck|strikes|stepp(?:ed|ing) on|steps on|trigger(?:ed|ing)) an? (?:[\w-]+ )?"
        r"(?:land ?mine|mine|ied|roadside bomb|explosive device)\b"
        # a headline drops the article: "vehicle hits landmine"
        r"|\b(?:hits|hit|struck|strikes) (?:land ?mine|roadside bomb|ied)s?\b",
        "ied",
    ),
    (
        r"\b(?:set(?:s|ting)? up|establish(?:ed|es|ing)?|buil[dt]|build(?:s|ing)?|open(?:ed|s|ing)?"
        r"|erect(?:ed|s|ing)?|inaugurat(?:ed|es|ing)) (?:an? |the |its |their )?"
        r"(?:(?:new|forward|military|makeshift|training|operating|command|administrative|administration|fortified"
        r"|company|battalion|brigade|army|police|patrol|security|regional|district|rear|logistics|and) )*"
        r"(?:base|outpost|camp|headquarters|quarters|command (?:centre|center|post)|(?:military|army|fortified) post"
        r"|position"
        r"|checkpoint|roadblock)s?\b"
        r"(?! for)"  # not "a camp for IDPs"
        r"|\b(?:convert|turn)(?:ed|s|ing)? (?:[\w'’-]+ ){0,9}?into an? (?:military |army |operating )?"
        r"(?:base|barracks|headquarters|camp|outpost|command cent(?:re|er))\b"
        r"|\bmov(?:ed|es|ing) into an? new (?:military |forward |operating )?(?:base|headquarters|outpost|camp)\b",
        "base",
    ),
    (
        r"\bpledged allegiance\b|\bnew leader\b|\bmerged (?:with|into)\b"
        r"|\bannounced (?:an? |the |their )?(?:new )?(?:merger|alliance|coalition)\b"
        r"|\b(?:moved|relocated|withdrew) (?:its|their) fighters\b"
        r"|\bwithdrew (?:its|their) (?:headquarters|base|bases|command)\b"  # moved there: a base (``events``)
        r"|\bimpos(?:ed|es|ing) an? (?:\w+ )?blockade\b|\bdissolv(?:ed|es|ing) (?:itself|themselves)\b"
        r"|\bsplit (?:into (?:two|three|rival)|in two)\b|\bbroke away from\b|\bsplinter (?:group|faction|movement)\b"
        r"|\bceased to exist\b"
        r"|\b(?:suspend|halt)(?:ed|s|ing)? (?:all )?(?:its|their) (?:military )?(?:attacks|operations)\b"
        r"|\blaunch(?:ed|es|ing)? (?:an? |the )?(?:new )?(?:[\w'’-]+ ){0,4}?(?:alliance|coalition|front|movement)\b"
        r"(?! (?:offensive|attack|strike|raid|operation|forces|troops|jets|aircraft))"
        r"|\bjoined forces\b|\bjoin(?:s|ing)? forces with\b"
        r"|\bjoin(?:ed|s|ing)? (?:the |an? )?(?:[\w-]+ ){0,3}?(?:alliance|coalition)\b"
        r"|\b(?:named|appointed|elected|chose|picked) (?:[\w'-]+ ){0,4}?as (?:its|their|the group's) new\b"
        r"|\b(?:named|appointed|elected|chose|picked) (?:an? )?new (?:[\w-]+ ){0,2}?"
        r"(?:leader|commander|chief|head|emir|amir|wali|spokesman|spokesperson|deputy)\b",
        "change",
    ),
    (
        r"\b(?:general|hunger) strike\b|\bon strike\b|\btook to the streets?\b|\bfill(?:ed|ing) the streets\b"
        r"|\b(?:workers|employees|staff|teachers|doctors|nurses|drivers|miners|students|lecturers|pilots|dockers)\b"
        r"[^.]{0,60}?\bwalk(?:ed|ing)? out\b(?! of)"  # not delegates leaving a speech
        r"|\bdown(?:ed|ing)? (?:their )?tools\b|\bstop(?:ped|ping)? work\b"
        r"|\bchant(?:ed|ing) (?:(?:[\w-]+ ){0,2}?slogans|against|for|['\"‘“])"
        r"|\b(?:rais|shout)(?:ed|ing) (?:[\w-]+ ){0,2}?slogans\b"
        r"|\bhuman chains?\b",
        "protest",
    ),
    (
        r"\bstag(?:ed|ing) an? (?:[\w-]+ ){0,2}?(?:demonstration|protest|rally|march|strike)\b|\bsit-ins?\b"
        r"|\bheld an? (?:[\w-]+ ){0,2}?(?:sit-in|vigil|blockade)\b"
        # a crowd bringing its demands to an office: "gathered outside the ministry to submit a petition"
        r"|\b(?:gathered|assembled|converged)\b[^.]{0,80}?\bto (?:submit|present|deliver|hand over|hand in) "
        r"(?:an? |their |the )?(?:[\w-]+ ){0,2}?(?:petition|letter|memorandum|list of demands)\b"
        # ... or coming to it to press them: "drove their tractors to the district office to press their demand"
        r"|\b(?:gathered|assembled|converged|marched|drove|rode|trekked|thronged)\b[^.]{0,80}?"
        r"\bto (?:press|push|raise) (?:home )?(?:their|its) demands?\b",
        "protest",
    ),
    (
        r"\bblock(?:ed|ing|aded)? (?:(?:the|a|several|main|two|national|[\w]+-[\w-]+) ){0,2}"
        r"(?:road|roads|highway|traffic|entrance|street|streets)\b",
        "protest",
    ),
    (  # mutilation: "cut off the fingers of two men", "chopped off his hand"
        r"\b(?:cut|cuts|cutting|chopp?(?:ed|ing)?|chops|hack(?:ed|ing)?) off (?:the |his |her |their )?(?:[\w-]+ )?"
        r"(?:fingers?|hands?|ears?|noses?|limbs?|feet|legs?|arms?)\b",
        "harm",
    ),
    (  # any tense
        r"\b(?:split(?:s|ting)?|br(?:eak|eaks|eaking|oken) away) from\b|\bseparat(?:ed|es|ing|ion) from\b"
        r"|\bturned (?:themselves|himself|herself) in\b|\blaid down (?:their|his|its) (?:arms|weapons)\b"
        r"|\bsurrender(?:ed|s|ing)? (?:[\w-]+ ){0,4}?to (?:the )?(?:[\w-]+ )?"  # "surrendered with their rifles to"
        r"(?:military|army|troops|soldiers|police|authorities|security forces|government)\b",
        "change",
    ),
    (
        r"\bdeclared (?:it|them) (?:as )?(?:the |its |their )?(?:new )?headquarters\b"
        r"|\b(?:set(?:s|ting)? up|establish(?:ed|es|ing)?|open(?:ed|s|ing)?|mov(?:e|ed|es|ing)"
        r"|relocat(?:e|ed|es|ing)|transfer(?:s|red|ring)?) (?:its|their|his) "
        r"(?:(?!(?:of|from|to|at|in|near|into|the|and|for)\b)[\w-]+ ){0,2}?"
        r"(?:base|headquarters|outpost|command (?:centre|center|post))s?\b(?! for)",
        "base",
    ),
)
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (_from_a_letter(pattern), family) for pattern, family in _PHRASE_PATTERNS
)
# Any of them: one scan rules out the nine sentences in ten that hold none (38 scans cost ten times more).
ANY_PHRASE = _from_a_letter("|".join(f"(?:{pattern})" for pattern, _ in _PHRASE_PATTERNS))

CIVILIAN_TARGETS = frozenset(
    (
        "civilian villager resident farmer herder fisherman fishermen worker teacher student child children "
        "kid boy girl woman women man men people passenger worshipper worshiper pilgrim journalist reporter "
        "doctor nurse patient hospital clinic school market family trader shopkeeper driver displaced refugee "
        "elder chief member supporter person individual politician activist mla mp candidate councillor official "
        "leader developer owner businessman merchant body vendor youth youths resident locals local suspect national "
        "citizen migrant "
        "villager house home village prisoner detainee pastoralist herdsman herdsmen shepherd manager employee staff "
        "cattle livestock settler nomad adolescent teenager minor motorist pedestrian bystander guest mourner "
        "reveller partygoer spectator customer diner shopper commuter labourer laborer miner ruler priest pastor imam "
        "nun missionary cleric notable tourist"
    ).split()
)
ARMED_TARGETS = frozenset(
    (
        "soldier troop army force police policeman policemen officer militant fighter rebel insurgent "
        "checkpoint base post outpost convoy patrol position militia militiaman militiamen guard gendarme "
        "jihadist terrorist army's military barracks garrison"
    ).split()
)
MEANS = frozenset("air shell suicide ied grenade chemical bomb bombard blast".split())
VIOLENCE = frozenset("attack kill harm".split())  # one-sided or unclear violence, typed by its target
ORGANIZED_ARMED = frozenset(
    (
        "militant fighter rebel insurgent militia militiaman jihadist terrorist gunman soldier troop army military "
        "cartel gang bandit serviceman guerrilla paramilitary commando jawan maoist naxal naxalite"
    ).split()
)
# Weapons and vehicles: triggers only when used (``_instrument_used``), unlike event nouns such as "shelling".
INSTRUMENTS = frozenset(
    "artillery mortar rocket missile howitzer shell jet warplane bomber helicopter drone bomb grenade mine landmine "
    "explosive ied launcher rpg".split()
)
STRIKE_VERBS = frozenset(
    "hit strike kill target bomb pound shell land fall explode detonate destroy damage wound injure attack rain "
    "slam tear rip blow struck".split()
)
# "dozens of rockets", "a barrage of shells", "mortar rounds": the weapon is used when its quantity or round is
QUANTITY_NOUNS = frozenset(
    "dozen hundred score barrage salvo volley number series wave hail couple swarm flurry".split()
)
AMMUNITION = frozenset("round shell bomb projectile munition".split())
FIRE_VERBS = frozenset("fire launch drop lob hurl throw toss fling plant detonate explode use carry set".split())
CROWD_CONTROL = frozenset("gas tear teargas smoke rubber stun sound flash".split())
EVENT_NOUNS = frozenset("attack strike raid fire blast explosion shelling bombardment barrage bombing".split())
IED_CUES = frozenset("bomb device ied mine landmine explosive car roadside planted vehicle motorcycle".split())
AIRCRAFT = frozenset("air warplane jet aircraft plane bomber helicopter gunship drone quadcopter airforce".split())
AIR_CUES = AIRCRAFT | {"airstrike"}  # what tells a bombing came from the air
SHELL_CUES = frozenset("shell shelling artillery mortar rocket missile howitzer".split())
INTERVENTION_CUES = frozenset("tear teargas disperse baton cannon arrest detain rubber".split())
RIOT_CUES = frozenset(
    "stone rock torch burn vandalize vandalise loot petrol molotov smash riot rioter violent barricade".split()
)
# Words whose object is what a protest is against: "demanding the return of the looted funds".
GRIEVANCE_HEADS = frozenset("demand condemn denounce decry oppose protest against follow".split())
GRIEVANCE_PREPS = frozenset("against over about for following after during".split())
BACKGROUND_MODIFIERS = frozenset("previous earlier past former prior".split())  # "from previous fighting"
STATE_CUES = frozenset(
    "army military troops troop police government forces force soldiers soldier security gendarme gendarmerie".split()
)
# Words that name a side of a conflict or its leaders: without one, a merger, a base or a handover is no
# strategic development ("two banks merged", "the airline opened a base").
PARTY_WORDS = (
    ORGANIZED_ARMED
    | STATE_CUES
    | frozenset("commander emir warlord guerrilla separatist rifles corps regiment battalion brigade legion".split())
)
DISASTER_CUES = frozenset(
    (
        "earthquake flood landslide cyclone hurricane typhoon storm accident crash collision drown tsunami wildfire "
        "lightning avalanche mudslide stampede heatwave blizzard tornado bushfire flooding rain rainfall downpour "
        "quake aftershock tremor floodwater torrent mudflow cloudburst "
        "drought eruption volcano cholera measles malaria ebola epidemic"
    ).split()
)
# Deaths that no side of a conflict caused: a vehicle that crashed, lightning, a house fire or a gas explosion, an
# ordinary offender (a drunk driver, robbers); and arrests for ordinary crimes.
MISHAP_VERBS = frozenset("plunge overturn capsize derail collide crash skid topple electrocute collapse sink".split())
CHASMS = frozenset("gorge ravine gully valley cliff precipice abyss canal ditch river chasm embankment".split())
MISHAP_DOERS = frozenset("lightning driver motorist accident crash collision stampede collapse".split())  # of deaths
OFFENDERS = frozenset("robber thief burglar mugger carjacker pickpocket".split())  # of any violence
FIRES = frozenset(
    "fire blaze explosion blast leak wildfire bushfire".split()
)  # a mishap when nothing names a weapon or an attacker
MISHAP_CAUSES = frozenset(
    (
        "gas cylinder boiler transformer fuel petrol gasoline diesel firework electrical house kitchen factory methane "
        "reactor tanker "
        "coal stray celebratory"
    ).split()
)
PETTY_CRIMES = frozenset(
    (
        "steal theft robbery rob burglary fraud cheat shoplifting pickpocketing speeding "
        "drug narcotic cannabis marijuana cocaine heroin methamphetamine gambling counterfeit smuggle smuggling "
        "contraband trafficking brothel prostitution poaching scam scammer fraudster dupe swindle defraud forgery"
    ).split()
)
# An accidental cause named anywhere in the report: the fire, blast or deaths it tells of were a mishap.
ACCIDENTS = re.compile(
    r"\b(?:electrical (?:fault|short)|short[- ]circuit|gas leak|faulty wiring"
    r"|(?:mechanical|technical) (?:fault|failure)"
    r"|(?:illegally|badly|improperly) (?:refilled|stored)|lightning strike|heat ?wave"
    r"|(?:extreme|intense|high|soaring) (?:heat|temperature)|no (?:sign|evidence|indication) of sabotage)s?\b",
    re.IGNORECASE,
)
INDUSTRIAL = frozenset("factory firework plant warehouse refinery mill workshop".split())  # "a blast at a factory"
# What a report is said to be: "reports of a kidnapping were false".
FALSE_WORDS = frozenset("false untrue baseless unfounded fake incorrect inaccurate".split())
SPORT_CUES = frozenset(
    "match goal striker scored team league football cricket championship tournament bowler batsman wicket "
    "innings semifinal semi-final olympic medal derby boxer boxing rugby tennis ace goalkeeper midfielder "
    "referee chess grandmaster checkmate bowling paceman spinner batting lap sprint marathon heavyweight "
    "knockout bout midfield seamer pacer qualifier goalless touchline".split()
)
FIGURATIVE_OBJECTS = frozenset(
    (
        "policy decision plan remark comment critic critics proposal idea bill law budget record freedom democracy "
        "right rights constitution sovereignty dignity reputation integrity independence judiciary value values "
        "share blaze flame wildfire bushfire inferno outbreak epidemic pandemic disease cancer cholera malaria "
        "corruption poverty inflation website server database stage podium chart charts chairmanship seat majority "
        "salute bustle calm composure momentum gain gains programme program agenda veto"
    ).split()
) | {"box office"}  # a name of two words: see ``event_facts._object_name``
# Direct fire weapons: with them, fighting between armed sides is a battle, not remote violence
# (heavy machine guns count with the heavy weapons, as in ACLED's coding).
SMALL_ARMS = _from_a_letter(
    r"\bsmall arms\b|(?<!recoilless )\b(?:assault |sniper )?rifles?\b"
    r"|\blight (?:machine ?guns?|weapons)\b|\bautomatic weapons\b"
    r"|\bgunfire\b|\bgun ?shots\b|\bpistols?\b|\bak-?47s?\b"
)
# Every match of SMALL_ARMS holds one of these: looking for them first spares most sentences the regex's scan.
SMALL_ARMS_WORDS = ("small arms", "rifle", "light ", "automatic weapons", "gun", "pistol", "47")
CRUDE_WEAPONS = frozenset("machete stone rock stick club axe knife arrow bow spear cudgel rod brick".split())
FIREARMS = frozenset("gun rifle firearm pistol bullet gunfire shoot shot fire gunshot ak-47 mortar rocket".split())
CROWD = frozenset("crowd rioter protester demonstrator youth mob resident villager student".split())
# Herders and raiders of livestock: armed people of a community, whom ACLED codes as communal militias, not a crowd.
PASTORAL = frozenset(
    "herder herders herdsman herdsmen pastoralist pastoralists raider raiders rustler rustlers".split()
)
# People gathered to make a point: whom the authorities disperse in a protest with intervention.
GATHERINGS = frozenset(
    (
        "crowd protester demonstrator supporter gathering rally march marcher mourner demonstration protest "
        "demonstrate procession picket sit-in vigil blockade"
    ).split()
)
# Leaving verbs are a transfer of territory only when what is left is a place: not "withdrew from the talks".
LEAVING_VERBS = frozenset("withdraw pull".split())
# Posts the police and army set up as routine security, not a base: "police set up roadblocks before the vote".
ROUTINE_POSTS = frozenset("checkpoint roadblock".split())
# Verbs that take a weapon out of use: a bomb defused, mines cleared, an IED found and destroyed.
DISRUPTION_VERBS = frozenset(
    "defuse neutralise neutralize dismantle destroy discover find uncover clear recover seize intercept deactivate "
    "disarm remove dispose".split()
)
# Disruption triggers that disrupt only a weapon: "disarmed a car bomb", not "the militia agreed to disarm".
WEAPON_DISRUPTIONS = frozenset({"disarm", "dismantle", "deactivate"})  # of a weapon: not "dismantled a cell"
# A blast set off on purpose to make explosives safe: "safely detonated the mines", "a controlled explosion".
CONTROLLED_BLAST = frozenset("safely controlled".split())
# What the authorities do to a gathering to end it, short of lethal force: "charged the students", "pushed back the
# protesters", "broke up the rally" (verb lemma, or verb and particle).
CROWD_REPRESSION = frozenset(
    "disperse scatter charge baton-charge teargas tear-gas repel push_back drive_back force_back beat_back break_up "
    "chase_away chase_off remove evict expel drag_away carry_away "
    # force short of killing: "police beat the protesters", "kicked and punched students protesting"
    "beat club kick punch whip manhandle assault".split()
)
# Fights that a protest turns into ("protesters clashed with police"): not fire "in both directions" on a road.
CLASHES = frozenset("clash scuffle skirmish brawl".split())
# Entering a place by force: by a non-state group, with no one killed, it takes the place ("stormed the town").
STORMING = frozenset({"storm"})
# Places a storming takes: where people live (not a building raided, "stormed the hotel", nor a base assaulted).
STORMED_PLACES = frozenset(
    "town village city district territory area locality neighbourhood neighborhood settlement suburb".split()
)
# Verbs of finding: explosives found and then detonated were blown up to make them safe.
FOUND_VERBS = frozenset("find discover uncover locate detect spot".split())
# Words that, modifying an attack that was foiled, say it never came: "foiled a planned (suicide) attack".
UNREALISED = frozenset("planned plotted would-be intended suicide bomb car truck explosive".split())
# Done by being stated as a purpose: "gathered to protest", "fired tear gas to disperse the crowd".
PURPOSE_EVENTS = frozenset({"protest", "intervene"})
TERRITORY = frozenset(
    (
        "town village city district area base hill position post outpost checkpoint headquarters headquarter "
        "territory control "
        "region province airport road highway bridge camp stronghold border crossing locality neighbourhood "
        "neighborhood zone front frontline island port valley mountain settlement capital centre center compound "
        "building prison station barracks facility hall"
    ).split()
)
WEAPONS = frozenset(
    "weapon arm gun rifle ammunition explosive bomb ied mine landmine grenade rocket missile mortar launcher "
    "cache device pistol firearm revolver shotgun carbine".split()
)
# A strike of labour, not from the air: by whom ("a teachers' strike", "workers struck"), of what kind ("a general
# strike", "a 24-hour strike"), over what ("a strike over pay") or how it is made ("called a strike").
WORKERS = frozenset(
    "worker employee teacher doctor nurse driver miner staff union lecturer labourer laborer trucker docker "
    "servant transporter pilot".split()
)
STRIKE_KINDS = frozenset(
    "general hunger indefinite nationwide national wildcat sit-down token transport labour labor warning rolling "
    "hour day-long week-long".split()
)
STRIKE_GRIEVANCES = frozenset(
    "pay wage salary pension reform law tax bill price arrear cut privatisation privatization contract bonus "
    "allowance condition hike fee layoff job dismissal".split()
)
STRIKE_CALLS = frozenset("call stage hold observe declare join enforce suspend announce end begin start".split())
FIGURATIVE_VERBS = frozenset("demonstrate rally".split())  # "the attack demonstrates that ...", "rallied support"
LODGING = frozenset("lodge file register issue deliver".split())  # "lodged a protest": a complaint between states
IRREALIS_AUX = frozenset("will would could might may should shall 'll must".split())
INTENT_HEADS = frozenset(
    (
        "plan threaten vow intend want seek hope aim prepare warn call urge pledge promise expect fear try "
        "attempt plot need decide refuse discuss consider press encourage order instruct ask prevent ban prohibit "
        "predict forecast anticipate propose proposal capable capacity capability potential risk threat danger curb "
        "reduce tackle combat stem eradicate idea option possibility"
    ).split()
)
# What a denial disputes is not known to have happened: "denied (reports) that its soldiers had attacked civilians";
# a denial of responsibility ("denied carrying out the attack") is not one.
DENIAL_HEADS = frozenset("deny refute dismiss reject rule".split())  # "rule" with "out": "ruled out hostile fire"
REPORT_NOUNS = frozenset("report claim allegation accusation rumour rumor".split())
FOILED_HEADS = frozenset("foil thwart avert".split())  # "foiled a suicide attack": the attack did not happen
# What politicians fight over in words: "a battle over the budget", "clashed over the impeachment motion".
POLITICAL_MATTERS = frozenset(
    "budget bill law motion impeachment leadership policy reform overhaul nomination constitution amendment".split()
)
SPEECH_TOPIC_HEADS = frozenset("refer discuss talk speak mention debate speculate cite".split())
# What a meeting's topics do to it: "with the fighting in Congo dominating the agenda".
TOPIC_VERBS = frozenset("dominate top overshadow headline".split())
LULLS = frozenset("subside abate ease die end stop cease wane".split())  # "once the fighting died down"
AGENDAS = frozenset("agenda talk discussion meeting summit session debate conversation headline brief briefing".split())
# Works of fiction and what shows a scene in them: "the film's shootouts", "an episode featuring a gunfight".
FICTION = frozenset("film movie show series episode thriller novel book game play drama teleserye soap".split())
DEPICTING = frozenset(
    "feature depict portray dramatise dramatize recreate re-enact reenact simulate demonstrate rehearse".split()
)
# A month's name, as a regex group of the lower-cased text (the patterns here and ``fatalities.TOTALS``).
MONTHS = "(?:january|february|march|april|may|june|july|august|september|october|november|december)"
AGGREGATE = re.compile(
    rf"\bsince (?:the (?:start|beginning|outbreak)|(?:19|20)\d\d|{MONTHS}|records began|"
    r"the (?:war|conflict|uprising|crisis|insurgency|rebellion|invasion|coup)\b)|"
    r"\bso far this year\b|\b(?:deadliest|bloodiest|most violent) (?:year|month)\b|"
    r"\b(?:monthly|annual|yearly) (?:total|tally|toll|record|average)s?\b|"
    r"\bin total\b|\bacross the (?:country|region|province)\b|\bnationwide\b|"
    r"\bover the past (?:year|decade|months)\b|\bin the (?:preceding|past|last) (?:24|48|72) hours\b|"
    r"\bsince the (?:early |mid-?|late )?(?:19|20)?\d0s\b|\b(?:in|during|of) the (?:early |mid-?|late )?(?:19|20)\d0s\b"
    r"|\bover the (?:past|last) (?:week|fortnight|few days|\d+ days)\b"
    r"|\bin the (?:first|second) half of\b|\bin the (?:first|last|past) (?:\w+ )?(?:months|quarter)\b"
    rf"|\bbetween {MONTHS} and\b"
    r"|\bout of (?:most|much|large parts|parts) of\b"  # "pushed the RSF out of most of Omdurman": over months
    r"|\bbetween (?:19|20)\d\d and\b|\b(?:over|during|in) the same period\b|\b(?:19|20)\d\d ?[-–] ?(?:19|20)?\d\d\b"
    r"|\b(?:[1-9]\d+|[1-9]\d{0,2},\d{3}|dozens of|scores of|hundreds of|thousands of) (?:[\w-]+ )?"
    r"(?:attacks|incidents|strikes|bombings|clashes|raids|protests|kidnappings|abductions|killings)\b"
    r"|\bworldwide\b|\bglobally\b"
    # a month's casualty tally, as monitors publish it: "604 civilians were killed or injured in March"
    rf"|\bkilled or (?:injured|wounded|maimed)\b(?=[^.;]*?\b(?:in|during) {MONTHS}\b)"
    rf"|\b(?:in|during) {MONTHS},? (?=[^.;]*?\bkilled or (?:injured|wounded|maimed)\b)"
    # history told as such: an anniversary, "ten years after", "during the civil war"
    r"|\banniversary\b|\b(?:(?:\d+|\w+) )?(?:years|decades) (?:after|since|ago)\b"
    r"|\b(?:a|one) year (?:after|since|ago)\b|\b(?:\w+ )(?:days|weeks|months|years) since\b"
    r"|\bduring (?:the |[\w']+ )?(?:civil |world |liberation |independence )?war\b"
)
# A perfect tense with a period so far, or with a whole conflict as its doer, sums up: "the conflict has killed
# 10,000 people", "attacks have killed 50 people this year".
SO_FAR = re.compile(r"\b(?:this|so far this|earlier this) (?:year|month)\b|\bso far\b|\bto date\b")
# ... and a period just past sums up in any perfect: "had been killed across the territory in the past week".
PAST_PERIOD = re.compile(
    r"\b(?:in|over|during) the (?:past|last|previous) (?:week|fortnight|month|(?:\d+|two|three|four|five|six|seven|"
    r"ten|few|several) (?:days|weeks|hours))\b"
)
WHOLE_CONFLICTS = frozenset("conflict war insurgency violence unrest crisis rebellion uprising".split())
ONGOING = re.compile(
    r"\b(?:is|are) (?:waging|fighting|battling|on the offensive)\b"
    r"|\b(?:routinely|regularly|frequently|usually|often|rarely|repeatedly|systematically)\b|\bnotorious for\b"
    r"|\bknown for\b|\b(?:in|over) (?:recent|the past) (?:weeks|months|years)\b|"
    r"\bfor (?:years|decades)\b|\bover the years\b|\bhas been accused of\b"
    r"|\bfor (?:more than |over |nearly |almost )?(?:a|two|three|four|five|several) (?:decades?|years)\b"
)
# Idioms that use conflict words for something else: their words trigger nothing.
IDIOMS = re.compile(
    r"\bkilling fields?\b|\b(?:kill|kills|killed|killing) off\b|\bhit(?:s|ting)? the ground\b"
    r"|\b(?:take|takes|took|taken|taking) an? (?:big |major |heavy )?hit\b"
    r"|\bon fire\b(?= (?:at|with|in|during|for)\b)|\bset(?:s|ting)? (?:\w+ ){0,3}?stage on fire\b"
    # a flop, a flood of words, paying: "bombed at the box office", "bombarded the hotline with calls", "shelling out"
    r"|\bbomb(?:s|ed)? at the box office\b|\bbox[- ]office bombs?\b|\bshell(?:s|ed|ing)? out\b"
    r"|\bflash[- ]mobs?\b"  # a gathering, its "mob" no riot
    # criticism: "came under fire from all sides for a budget" (not "came under fire for hours")
    r"|\b(?:c[oa]mes?|coming) under (?:heavy |fresh |renewed |sharp |intense )?(?:fire|attack)\b(?:,? (?:from|by) "
    r"[\w' -]{1,40}?)?(?:,? (?:on|last|this) \w+)? for (?!(?:about |nearly |more than |over |some )?(?:\w+ )?"
    r"(?:hours?|minutes?|days?|nights?|weeks?|a while|several|two|three|four|five)\b)"
    r"|\bbombard(?:s|ed|ing)? (?:[\w'’-]+ ){1,4}?with "
    r"(?:calls|questions|messages|e-?mails|letters|requests|complaints)\b"
)
# Wars fought in words or prices: a sentence that names one and no one armed tells no violence at all.
FIGURATIVE_WARS = re.compile(
    r"\bshots? across the bows?\b|\bwar of words\b|\b(?:tariff|price|trade|bidding|ratings|currency|streaming) wars?\b"
    r"|\bdeclared? war on\b"
)

# What an air defence brings down: unmanned things (intercepted: disrupted weapons use), else aircraft (fired upon).
UNMANNED = frozenset("drone uav missile rocket projectile unmanned".split())
# An explosive that goes off in its handlers' hands was a weapon use disrupted, not an attack.
OWN_DEVICE = re.compile(
    r"\bprematurely\b|\baccidental(?:ly)?\b"
    r"|\b(?:while|when) (?:\w+ ){0,2}?(?:planting|making|assembling|handling|preparing|transporting|laying|building)\b"
    r"|\b(?:were|was) (?:planting|making|assembling|handling|laying|building)\b"
)
# Fights done to one side (not fought between two): with remote means, they are that remote violence.
ONE_SIDED_FIGHTS = frozenset("ambush raid storm assault".split())
# A trigger compared with is not told as an event: "drawing comparisons with the assault on ...".
COMPARISON_HEADS = frozenset("comparison compare parallel reminiscent resemble echo".split())
# What an event answered is an earlier event told as its cause: "in retaliation for a rocket fired ...".
CAUSE_HEADS = frozenset("retaliation response revenge reprisal retribution".split())
# What police take in a search as evidence, not goods: seizing it is no looting.
EVIDENCE = frozenset(
    "document material laptop phone cellphone computer paper file record literature publication evidence".split()
)
# Where an incident told in the text took place: "based on the location of the attack", "at the site of the blast".
SITE_HEADS = frozenset("location site scene spot".split())
# What a place is called for the fighting it sees: "the region has become a major theatre of fighting"
ARENAS = frozenset("theatre theater hotbed epicentre epicenter centre center flashpoint battleground scene".split())
# Property whose destruction is sabotage, not violence against people: "the pipeline was attacked".
PROPERTY_TARGETS = frozenset(
    "pipeline oilfield refinery pylon mast antenna tower railway infrastructure well factory".split()
)
PROPERTY_COMPOUNDS = frozenset("oil gas power telecom telecommunication phone electricity".split())  # "oil field"
# A ceasefire named is an agreement only when it is made: agreed, signed, declared, brokered, begun.
AGREEMENT_VERBS = frozenset(
    "agree sign reach declare announce broker conclude accept begin start take enter come hold seal strike".split()
)
# What a ceasefire names when it is a compound: "reached a ceasefire deal" is an agreement made.
AGREEMENT_NOUNS = frozenset("deal agreement accord pact".split())
AGREEMENT_UNDONE = frozenset("end violation breach collapse breakdown expiry lapse".split())
# Groups of unarmed people: when they fight or attack, it is rioting, not a battle ("the drivers attacked police").
CIVILIAN_GROUPS = frozenset(
    (
        "villager resident farmer herder fisherman worker student youth local trader driver motorist supporter "
        "national citizen migrant pastoralist herdsman shopkeeper vendor crowd mob protester demonstrator rioter "
        "inhabitant neighbour neighbor worshipper"
    ).split()
)
# Civilian targets that are places or buildings, not people: an attack on them may hurt nobody.
CIVILIAN_PLACES = frozenset("hospital clinic school market house home village".split())
# "A member of the militia" is one of the militia.
MEMBER_NOUNS = frozenset("member leader commander chief head".split())
# Heavy direct-fire weapons: fire with them at no one named is shelling, as ACLED codes heavy machine-gun fire.
LIVE_FIRE = re.compile(  # not "rubber bullets", not "cost of living"
    r"\blive (?:ammunition|rounds|fire|bullets)\b|\bopen(?:ed|s|ing)? fire\b"
)
HEAVY_WEAPONS = re.compile(r"\bheavy (?:machine ?-?guns?|weapons)\b|\bheavy machineguns?\b|\banti-aircraft guns?\b")
# triggers only as verbs: "gunned down", not "guns"; not "the martyrs"; "pounded the town", not "the Egyptian pound"
VERB_ONLY = frozenset({"gun", "martyr", "pound", "target"})  # "the targets included caves": what was struck
# Raids and searches are typed by what they did to people when the sentence says it: arrests, abductions.
SEARCHES = frozenset("raid storm search".split())
# Nouns that name an incident: a trigger compounded with them still tells of one ("a shooting incident").
INCIDENT_NOUNS = frozenset("incident spree rampage attempt case episode".split())

# --- Non-events told in conflict words (read by event_facts) ---
# Modifiers of a trigger that make it no political violence: a cyber or ransomware attack, a heart attack, a
# blistering or verbal attack, a bear raid on shares, a charm offensive, a shark attack, missiles test-fired, a mock
# attack.
FIGURATIVE_MODIFIERS = frozenset(
    (
        "cyber cyberattack ransomware malware phishing hacking online digital heart panic asthma verbal blistering "
        "scathing stinging withering rhetorical bear charm diplomatic media shark crocodile dog elephant snake test "
        "mock simulated bar pub nightclub fist pillow lightning"
    ).split()
)
# What is fired in a drill or a salute: "fired blank rounds", "a ceremonial volley".
DUMMY_ROUNDS = frozenset("blank dummy practice mock ceremonial".split())
HACKERS = frozenset("hacker cybercriminal".split())  # they break into computers, not hurt people
FIREFIGHTERS = frozenset("firefighter fireman rescuer".split())  # they battle fires and floods, not people
# The trial of an old attack tells the trial: "upheld the convictions of two men who supplied the truck that killed".
TRIAL_NOUNS = frozenset("conviction trial verdict sentencing indictment appeal acquittal acquit convict".split())
# Marching in a parade or a passing-out is no protest: "marching cadets paraded through the capital".
CEREMONIES = frozenset("parade cadet recruit ceremony ceremonial display graduation".split())
# Doers who attack, clash and launch offensives in words or money: "the senator attacked the minister", "two
# ministers clashed over the bill", "hedge funds staged a raid on the bank's shares", "regulators raided the offices
# of tyre makers".
WORD_FIGHTERS = frozenset(
    (
        "minister senator lawmaker legislator mp parliamentarian politician president premier governor mayor leader "
        "party opposition candidate critic spokesman spokeswoman spokesperson campaigner commentator columnist editor "
        "newspaper broadcaster company firm giant corporation investor fund shareholder regulator watchdog auditor "
        "inspector"
    ).split()
)
# Where an attack is made in words: "attacked the plan in a speech", "during a televised debate".
SPEECH_SETTINGS = frozenset(
    "speech interview debate parliament senate statement tweet editorial broadcast podcast".split()
)
# Words that make a sentence tell of bodily harm: with them an attack is not made in words.
PHYSICAL_CUES = frozenset("dead injured wounded hurt hospital hospitalise bullet blood gunman gunmen armed".split())
# Ordinary-crime raids, arrests and seizures stay events when political or armed people or weapons are in them.
POLITICAL_PEOPLE = frozenset(
    "opposition activist journalist politician dissident critic candidate lawmaker mp party blogger".split()
)
# Rehearsals of force: fire during a drill, an exercise, a parade or a weapons test is no attack.
EXERCISES = frozenset("exercise drill manoeuvre maneuver parade rehearsal wargame war-game test training".split())
# Works that are shot, filmed or flop ("shot a music video", "the film bombed at the box office").
WORKS = frozenset(
    "film movie album song video documentary episode scene advert commercial clip footage photo photograph "
    "picture".split()
)
# People that are fired from a job, not fired at: "the firm fired 300 workers".
STAFF = frozenset("coach executive ceo director chief minister employee worker staff manager official".split())
# Armed attackers and their weapons: with them a sentence about sport or a drill tells of an attack (gunmen opened
# fire on fans leaving a match, a bomb went off during a parade).
ATTACKER_CUES = frozenset(
    (
        "militant rebel insurgent militia militiaman jihadist terrorist gunman bandit bomber attacker assailant bomb "
        "explosive grenade suicide ied"
    ).split()
)
# Words that name someone armed or a weapon: a sentence without one tells no fighting in a match report or a
# war of words, and no attack in a report of an accident.
ARMED_CUES = STATE_CUES | ATTACKER_CUES | ORGANIZED_ARMED | {"armed"}

# --- Which sentences tell an event at all (read by event_facts and events) ---
# Words naming an attack on computers ("a denial-of-service attack", "a DDoS attack") and what it hits online.
CYBER_WORDS = frozenset("denial ddos dos botnet spyware wiper hack".split())
COMPUTER_TARGETS = frozenset("portal server website database email account app computer".split())
# Market players who "raid" or "attack" shares: "bears raid the bourse".
MARKET_PLAYERS = frozenset("bear bull speculator short-seller investor".split())
# Measures that "target" or "hit" people without violence: "sanctions targeting militia leaders".
MEASURES = frozenset(
    "sanction measure tariff tax levy law bill policy embargo restriction regulation decree legislation reform probe "
    "investigation audit".split()
)
MEASURE_KINDS = frozenset("sanction tariff embargo".split())  # "a sanctions package", not "law enforcement"
# Sport words not in SPORT_CUES: "stormed back to win the game".
# Finance told in war words ("the rupee came under attack from speculators", "stocks were hammered").
FINANCE_CUES = frozenset(
    "stock bourse equity investor shareholder currency rupee shilling naira peso rand lira earnings inflation "
    "nasdaq dow ftse bull selloff chipmaker gilt bitcoin crypto cryptocurrency gold bullion jeweller".split()
)
GAME_WORDS = frozenset(
    "game fixture playoff play-off scoreline halftime half-time comeback movie thriller blockbuster sequel finale "
    "episode".split()
)  # and shows: "the thriller stormed to the top of the box office"
# Heads of a charge, trial or verdict: what someone is sentenced, convicted or charged with ("sentenced to death over
# the killing of protesters") is told as a charge; what someone is accused of, when no day or count places it ("accused
# the army of massacring civilians"), as rhetoric.
CHARGE_HEADS = frozenset("sentence convict jail imprison indict charge try prosecute acquit fine execute hang".split())
ACCUSING = frozenset({"accuse", "suspect"})  # "accused of", "a man suspected of planting the bomb"
CHARGE_PREPS = frozenset("for over of with".split())
# Nouns of a span of time that make an event history: "the decades-long war", "a years-long insurgency".
SPANS = frozenset("decade year century generation".split())
# Wholes that history names besides the trigger words: "the 1994 genocide", "the 1979 revolution".
PAST_CONFLICTS = WHOLE_CONFLICTS | frozenset("genocide revolution coup invasion occupation purge famine".split())
# Private quarrels: violence between people who know each other, over a personal matter, is ordinary crime.
QUARRELS = frozenset("dispute argument quarrel row altercation feud spat brawl fistfight".split())
# Crimes for gain in whose course someone is hurt: "stabbed during a supermarket robbery".
CRIMES = frozenset("robbery burglary theft heist mugging carjacking holdup hold-up break-in".split())
# Where a fight is a private one: "a bar fight", "a drunken brawl", "a domestic dispute".
PRIVATE_SETTINGS = frozenset("bar pub nightclub drunken domestic family".split())
# "Kidnappings have become common", "attacks remain frequent": a pattern told, not an event.
LINKING_VERBS = frozenset("be become remain grow".split())
# What a kind of event does as a trend: "kidnappings have risen sharply", "carjackings cost insurers millions".
TREND_VERBS = frozenset("rise increase surge soar spike climb double triple decline fall drop cost".split())
# What a kind of event does in number: "after a surge in attacks".
TRENDS = frozenset("surge rise increase spike uptick upsurge decline drop fall escalation".split())
SERIES = frozenset("spate series wave string rash spree litany catalogue catalog".split())  # "a spate of killings"
FREQUENCIES = frozenset(
    "common frequent routine commonplace widespread rampant regular endemic rife sporadic occasional periodic daily "
    "weekly nightly constant".split()
)
# How often a clause's deed recurs: "access is periodically cut by fighting", "the army regularly shells the hills"
# (not "repeatedly", "sporadically", "constantly": how one deed was done, "shooting sporadically").
OFTEN = frozenset("periodically regularly frequently routinely often habitually usually sometimes".split())
# What incidents of a kind leave behind: "attacks on farmers have made it impossible to farm".
RESULT_VERBS = frozenset("make leave force drive displace push keep prevent deprive render cause".split())
# Verbs that count or record incidents of a kind: "documented killings by self-defence groups".
RECORDING = frozenset("document record register log catalogue catalog chronicle tally count verify".split())
ACQUAINTANCES = frozenset(
    (
        "neighbour neighbor husband wife son daughter brother sister nephew niece cousin father mother uncle aunt "
        "stepfather stepmother stepson stepdaughter classmate colleague friend girlfriend boyfriend partner fiance "
        "fiancee landlord tenant employer roommate in-law relative child"
    ).split()
)
# Words that make a sentence tell of armed violence even when it uses a sport word ("medical teams treated women
# raped by gang members").
ARMED_VIOLENCE_FAMILIES = frozenset("sexual abduct air shell suicide ied grenade chemical".split())
# Developments told as verbs of leaving a place, a split or theft: typed only with a place left, a side named, an
# armed thief (``events``).
VACATING_VERBS = frozenset({"vacate"})
STEALING_VERBS = frozenset({"steal"})
# Triggers of a forced disappearance: "was forcibly disappeared", "security agents disappeared him".
DISAPPEARING = frozenset({"disappear"})
CARRYING_OFF = frozenset("take march lead drag herd whisk bundle".split())  # people, away: an abduction by armed men
CAPTIVES = frozenset("hostage captive prisoner".split())
# Said of someone taken away: no one admits holding them, so an arrest is a forced disappearance.
UNACCOUNTED = re.compile(
    r"\bnot (?:been )?(?:heard (?:from|of)|seen)(?: \w+)? since\b|\bwhereabouts (?:remain |are |is )?unknown\b"
    r"|\bdenied (?:holding|detaining|arresting|having)\b|\bforcibly disappeared\b"
    r"|\b(?:to|at) (?:an )?unknown (?:location|destination|place)\b",
    re.IGNORECASE,
)
# Objects of "fire" told of words: "fired a broadside at the government".
WORD_VOLLEYS = frozenset("broadside barb jibe".split())
