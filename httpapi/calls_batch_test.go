package httpapi_test

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// TestCallsWebhookGrouped runs the webhook's cases through the batcher the
// bot serves it with: the same answers and the same rows.
func TestCallsWebhookGrouped(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		db.SetEnqueuer(dropJobs{})
		now := time.Now()
		calls := handlers.NewCallBatcher(callService(db), handlers.CallBatchOptions{})
		srv := httptest.NewServer(httpapi.NewCallsHandler(callSecret, calls, func() time.Time { return now }))
		defer srv.Close()
		for _, tc := range callCases {
			t.Run(tc.name, func(t *testing.T) { checkCallCase(t, db, tc, tc.req(srv.URL+"/api/calls", now)) })
		}
	})
}
