package affaldsbot

import "testing"

func TestClassifyTopic(t *testing.T) {
	tests := []struct {
		subject, body string
		want          Topic
	}{
		// afhentning
		{"Skraldespanden er ikke tømt", "Vores restaffald står stadig ude.", TopicAfhentning},
		{"Glemt afhentning", "I har glemt os i denne uge på Amagerbrogade.", TopicAfhentning},
		{"Missed collection", "Our bins were not emptied on Tuesday.", TopicAfhentning},
		{"Spørgsmål", "Hvornår er der tømning af madaffald hos os? Skraldebilen kom ikke.", TopicAfhentning},
		// stort_indbo
		{"Storskrald", "Hvordan får jeg hentet en gammel sofa og en madras?", TopicStortIndbo},
		{"Afhentning af stort indbo", "Vi har en reol og et klædeskab.", TopicStortIndbo},
		{"Bulky waste", "Can you collect an old mattress and some furniture?", TopicStortIndbo},
		{"Indendørs træ", "Må indendørs træ stilles ved storskraldet?", TopicStortIndbo},
		// farligt_affald
		{"Maling", "Hvor afleverer jeg gamle malingrester og spraydåser?", TopicFarligtAffald},
		{"Batterier", "Kan brugte batterier lægges oven på spanden?", TopicFarligtAffald},
		{"Hazardous waste", "Where can I leave chemicals and old paint?", TopicFarligtAffald},
		{"Spørgsmål om rød boks", "Hvordan får jeg en ny miljøboks til farligt affald?", TopicFarligtAffald},
		// klage
		{"Klage over skraldemanden", "Skraldemanden var uhøflig og spanden er ikke tømt.", TopicKlage},
		{"Utilfreds", "Jeg er meget utilfreds med jeres service.", TopicKlage},
		{"Complaint", "I want to file a complaint about the collection.", TopicKlage},
		// erhverv
		{"Affald fra virksomhed", "Vi er en lille virksomhed med CVR 12345678.", TopicErhverv},
		{"Restaurant", "Hvordan skal vores restaurant sortere madaffald?", TopicErhverv},
		{"Business waste", "Our company needs a contract for waste collection.", TopicErhverv},
		// beholdere
		{"Ny beholder", "Kan vi få en større beholder til pap?", TopicBeholdere},
		{"Boligforening", "Vores andelsforening vil gerne have den nye ordning med flere spande.", TopicBeholdere},
		{"Broken bin", "The lid of our bin is broken, can we get a new one?", TopicBeholdere},
		// genbrugsstation
		{"Genbrugsstation", "Hvad er åbningstiden på genbrugsstationen i Sydhavn?", TopicGenbrugsstation},
		{"Recycling centre", "Can I bring a trailer to the recycling centre?", TopicGenbrugsstation},
		{"Genbrugspladsen", "Må jeg aflevere haveaffald på genbrugspladsen?", TopicGenbrugsstation},
		// sortering
		{"Hvor skal pizzabakker hen?", "Skal en fedtet pizzabakke sorteres som pap eller restaffald?", TopicSortering},
		{"Sortering af plast", "Er en mælkekarton plast eller pap?", TopicSortering},
		{"How do I sort", "Where does a glass jar with a metal lid go?", TopicSortering},
		// andet
		{"Tak", "Tusind tak for hjælpen!", TopicAndet},
		{"", "", TopicAndet},
		{"Question", "Who is the mayor of Copenhagen?", TopicAndet},
		// subject outweighs body
		{"Klage", "Sofaen blev ikke hentet.", TopicKlage},
		{"Storskrald", "Jeg vil klage.", TopicStortIndbo},
		// whole-word and compound matching
		{"Cabinet", "A combined cabinet question.", TopicAndet},
		{"Papirspanden", "", TopicBeholdere},
	}
	for _, tc := range tests {
		if got := ClassifyTopic(tc.subject, tc.body); got != tc.want {
			t.Errorf("ClassifyTopic(%q, %q) = %s, want %s", tc.subject, tc.body, got, tc.want)
		}
	}
}

func TestTopicRulesCoverEveryTopicButAndet(t *testing.T) {
	seen := map[Topic]bool{}
	for _, r := range topicRules {
		if !r.topic.Valid() || seen[r.topic] {
			t.Errorf("rule for %q: unknown or listed twice", r.topic)
		}
		seen[r.topic] = true
	}
	for _, topic := range Topics {
		if !seen[topic] && topic != TopicAndet {
			t.Errorf("no rule for topic %s", topic)
		}
	}
}
