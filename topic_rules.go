package affaldsbot

// topicPrecedence breaks ties: a complaint is a complaint whatever it is
// about, a business's enquiry is the business team's, a named kind of waste
// says more than the place or the bin, and sorting questions come last.
var topicPrecedence = []Topic{TopicKlage, TopicErhverv, TopicFarligtAffald, TopicStortIndbo,
	TopicGenbrugsstation, TopicAfhentning, TopicBeholdere, TopicSortering, TopicAndet}

// topicRules, strongest first within a topic. Weights were set on
// testdata/topics_dev.json and are measured on testdata/topics_test.json.
//
// The strong rules carry words that settle the matter almost alone: a
// complaint, a business, a hazardous or bulky item, a recycling centre, a
// missed or changed collection. Fraction names ("restaffald", "plast") are
// weak on purpose: "restaffaldet er ikke tømt" is a missed collection, not a
// sorting question.
var topicRules = []topicRule{
	{TopicKlage, 8, []string{" klag", "utilfreds", "complain", "uacceptab", "unacceptable", "not acceptable",
		" skuffet", "disappointed", "dårlig service", "poor service", " frustr", " skandal", "uhøflig", " rude ",
		"erstatning", "compensation", " erstatter", " rasende", " træt af", "svineri", "ikke i orden",
		"ikke godt nok", "uretfærdig", "borgerrådgiver", "tage jer sammen", "dårligt behandlet", "behandlet dårligt",
		" uholdbar", "scratched", "damaged", " ramt min", " ramte min", "kørte ind i", "ødelagt vores",
		"ødelagde vores", "kørte alt for stærkt", " larm", " noise"}},
	{TopicErhverv, 7, []string{" virksomhed", " erhverv", " cvr", " restaurant", " café", " cafe ", " butik",
		" firma", " kontor ", " kontoret ", " kantine", " salon", " frisør", " klinik", " bureau", " bar ",
		" bageri", " håndværker", " producentansvar", " company", " business", " shop ", " office ", " bakery",
		" startup", " event", " arrangement", " kommunal ejendom", " kommunale ejendom"}},
	{TopicFarligtAffald, 6, []string{"batteri", " batter", " maling", "malingrester", "spraydåse", " spray",
		"kemikali", " chemical", "farligt affald", "farlige affald", "hazardous", "miljøskab", "rød boks",
		"røde boks", "miljøboks", "lysstofrør", "fluorescent", "sparepære", " pære", " elpære", "light bulb",
		" olie", " oil ", "terpentin", "fortynder", " asbest", " medicin", " piller", "kanyle", "neglelak",
		"gaspatron", "håndsprit", "fyrværkeri", "firework", "termometer", "kviksølv", "blækpatron",
		"printerpatron", "rottegift", "sprøjtegift", "pesticid", " gift ", " lak ", " lim ", "fugemasse",
		"powerbank", "aerosol", " paint", "miljøbil", "eternit"}},
	{TopicStortIndbo, 6, []string{" sofa", " couch", "madras", "mattress", "storskrald", "stort indbo",
		"indendørs træ", "møbel", "møbler", "furniture", " reol", " skab ", " skabet ", "klædeskab", "kommode",
		"lænestol", " stol ", " stole ", "spisebord", "sofabord", "køkkenbord", " seng", "bed frame", " cykel",
		" cykler", " bike", "bicycle", "barnevogn", "klapvogn", " pram", "autostol", "car seat", " tæppe",
		"gulvtæppe", "carpet", " rug", "tørrestativ", "trampolin", " paller", "pallet", "brædder", "planker",
		"wardrobe", "bulky", "havemøbler", "legehus", "taburet", "kontorstol", " chairs", " cot ",
		" large items"}},
	{TopicGenbrugsstation, 5, []string{"genbrugsstation", "genbrugsplads", "genbrugscenter", "recycling centre",
		"recycling center", "recycling station", "åbningstid", "opening hours", " trailer", "byggeaffald",
		"construction waste", " gips", " fliser", " tiles", "bricks", "imprægneret", "delezone", "bytterum",
		"byttezone", "open today", " dump ", " dæk ", " bildæk", " ruder", " vinduer", "usorteret",
		" jord og sten", "aflevere jord"}},
	{TopicAfhentning, 6, []string{" ikke tømt", " ikke blevet tømt", " ikke hentet", " ikke blevet hentet",
		" ikke taget med", " ikke været her", "sprunget over", " glemt", " glemte", " kom ikke", " kom aldrig",
		" intet er sket", "tømmedag", "tømningsdag", "tømmekalender", " tømning", " tømt ", " tømmes ",
		"manglende afhentning", "not emptied", "not been emptied", "not collected", "wasn t collected",
		"not picked up", "skipped", "missed", "collection day", "collection schedule", " pickup", " pick up",
		"no collection", "no waste collection", "is waste collected", "not been collected", " tømte kun",
		" ikke hentet igen", " skal hentes", " bliver hentet", " hentes", " hentet"}},
	{TopicAfhentning, 3, []string{" afhentning", "skraldebil", "skraldemænd", " truck", " oftere", " sjældnere",
		" hver uge", " forsinke", " collected"}},
	{TopicBeholdere, 5, []string{"ny beholder", "nye beholder", "større beholder", "ekstra beholder",
		"mindre beholder", "flere beholder", "en beholder til", " knækket", "hul i bunden", " revnet",
		"gået i stykker", " stjålet", " forsvundet", " hjul", " låg", " lås", "bin broken", " broken",
		"replacement", "extra bin", "more bins", "new bin", "bin size", "wheelie", " cracked", " lid ",
		"bioposer", "grønne poser", "green bags", "køkkenkurv", "biospand", " holder", "nedgrav",
		"underground", "affaldsskur", " skakt", "piktogram", "mærkat", " vasket", " flere spande",
		"food waste bin", " bin for", "ændre affaldsordningen", "ny ordning", " stå ", " stjålet"}},
	{TopicBeholdere, 2, []string{"beholder", "spand", " container", "andelsforening", "ejerforening", "boligforening",
		"housing association", "nem affaldsservice", "affaldsansvarlig", " bins ", " bin "}},
	{TopicSortering, 4, []string{" sorter", " sortér", " sort ", " sorting", " fraktion", " hvor skal",
		" hvilken spand", " hvilken beholder", "which bin", "what bin", " where do", " where does", " where should",
		" komme i ", " kommer i ", " skal i ", " recycl", " genanvend", " hvor gør jeg af", " er det tekstil",
		" eller restaffald", " eller plast", " eller pap", " go in ", " go with ", " throw away"}},
	{TopicSortering, 1, []string{"pizzabakke", " plast", " pap ", " papir", " glas", " metal", "madaffald",
		"restaffald", "mælkekarton", "kartoner", " tekstil", " dåse", "flaske", " bleer", "kattegrus",
		" plastic", " cardboard", " glass", " food waste", "yoghurt", "kaffe", "folie", "flamingo", " tøj",
		"servietter", "køkkenrulle", "æggebakker", "bøger", "gavepapir", "støvsugerpose", "låg af"}},
	{TopicAndet, 6, []string{" rotte", " rats", "aktindsigt", " job", "ansøg", "journalist", " presse",
		"parkering", "tusind tak", "mange tak", " tak for", " thank", "out of office", "på ferie", " graffiti",
		"personoplysninger", " gdpr", "slet mine", "passport", " pas ", "boligstøtte", "skoleklasse", "besøg",
		"frivillig", " parken", "oversvøm", "juletræ", " tivoli", "nyhedsbrev", "borgmester", " kolonihave",
		"ring venligst", " ringe mig", "residence permit", " tax", " ejendomsskat"}},
}
