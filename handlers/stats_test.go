package handlers

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// statsDirectory: ULEAD leads, UADV advises, anyone else is neither.
type statsDirectory struct{}

func (statsDirectory) IsAdviser(_ context.Context, u string) (bool, error) { return u == "UADV", nil }
func (statsDirectory) IsLead(_ context.Context, u string) (bool, error)    { return u == "ULEAD", nil }

func statsService(t *testing.T, db *storage.DB) *Service {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return at.AddDate(0, 1, 7) })
	e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicKlage,
		CitizenEmail: "jens@example.dk", ReceivedAt: at}
	err := db.InTx(ctx, func(tx *storage.Tx) error {
		if err := tx.CreateEnquiry(ctx, e); err != nil {
			return err
		}
		return tx.AddEvents(ctx, affaldsbot.Event{EnquiryID: e.ID, Type: affaldsbot.EventClaimed, Actor: "UADV", At: at.Add(time.Hour)})
	})
	if err != nil {
		t.Fatal(err)
	}
	return &Service{DB: db, Directory: statsDirectory{}, Calendar: workcal.Default(), Settings: DefaultSettings()}
}

func TestStatsAccess(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := statsService(t, db)
		ctx := context.Background()
		tests := []struct {
			user, period string
			export       bool
			code         string
			byAdviser    bool
		}{
			{"ULEAD", "2025-03", false, "", true},
			{"ULEAD", "sidste måned", true, "", true},
			{"UADV", "2025-03", false, "", false},
			{"UADV", "2025-03", true, affaldsbot.EFORBIDDEN, false},
			{"USTRANGER", "2025-03", false, affaldsbot.EFORBIDDEN, false},
			{"", "2025-03", false, affaldsbot.EFORBIDDEN, false},
			{"ULEAD", "i overmorgen", false, affaldsbot.EINVALID, false},
		}
		for _, tt := range tests {
			a, err := s.Stats(ctx, tt.user, tt.period, tt.export)
			if code := affaldsbot.ErrorCode(err); code != tt.code {
				t.Errorf("Stats(%s, %q, export=%v) error = %v, want code %q", tt.user, tt.period, tt.export, err, tt.code)
				continue
			}
			if err != nil {
				continue
			}
			if got := a.Report.ByAdviser["UADV"].Claimed == 1; got != tt.byAdviser {
				t.Errorf("Stats(%s): by_adviser shown = %v, want %v", tt.user, got, tt.byAdviser)
			}
			if a.Report.Enquiries.Mail != 1 || len(a.Chart) == 0 {
				t.Errorf("Stats(%s): mail = %d, chart %d bytes", tt.user, a.Report.Enquiries.Mail, len(a.Chart))
			}
			if tt.export {
				checkExport(t, a.CSV)
			}
		}
	})
}

func checkExport(t *testing.T, b []byte) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("export: %d records, %v", len(recs), err)
	}
	if recs[1][1] != "mail" || recs[1][3] != "klage" || recs[1][5] != "" || bytes.Contains(b, []byte("jens@")) {
		t.Errorf("export row = %q; want mail, klage and no personal data", recs[1])
	}
}
