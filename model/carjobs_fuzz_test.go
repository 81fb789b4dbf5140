package model

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzCARAnswers reads arbitrary bytes as a CAR gateway answer, the way
// the client does: the envelope {errorCode, message, body}, then the body
// as a schedule search page, a jobs page and an asset-jobs page. Whatever
// decodes must encode again and decode to the same encoding (an id or a
// schedule that cannot be sent back as it came is the failure this
// catches), and an asset job's Result is either its bounded output or a
// one-line error naming scriptResult.
func FuzzCARAnswers(f *testing.F) {
	f.Add([]byte(`{"errorCode":null,"message":null,"body":{"totalCount":1,"list":[{"id":"3f1b","customerUuid":"c","created":{"dateTime":1700000000000},"title":"t","scripts":[{"id":226213,"title":"x"}],"assets":[{"UUId":"u","id":"7"}],"scheduleType":"DAILY","startDate":"2030-01-01","startTime":"10:00:00","endDate":"2030-02-01"}]}}`))
	f.Add([]byte(`{"errorCode":"0","body":{"totalCount":2,"list":[{"id":12,"status":"COMPLETED","test":false,"created":{"dateTime":5},"script":{"id":"226213","title":"s"},"scheduler":{"id":"ab","name":"n"}}]}}`))
	f.Add([]byte(`{"errorCode":0,"body":{"totalCount":1,"list":[{"id":"9","job":{"id":12},"asset":{"id":7,"name":"h","agentUuid":"u"},"output":{"code":"2","text":"e"},"scriptResult":"aGVsbG8K","enddate":1700000000000,"created":{"dateTime":1},"isTest":true}]}}`))
	f.Add([]byte(`{"errorCode":"E1","message":"nope","body":null}`))
	f.Add([]byte(`{"body":{"list":[{"id":"007","scriptResult":"!!"}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var env CAREnvelope
		if json.Unmarshal(b, &env) != nil || !CARSuccess(env.ErrorCode) || len(env.Body) == 0 {
			return
		}
		var search CARSearchBody
		if json.Unmarshal(env.Body, &search) == nil {
			roundTrip(t, "search page", search, &CARSearchBody{})
		}
		var jobs CARPage[CARJob]
		if json.Unmarshal(env.Body, &jobs) == nil {
			roundTrip(t, "jobs page", jobs, &CARPage[CARJob]{})
		}
		var assetJobs CARPage[CARAssetJob]
		if json.Unmarshal(env.Body, &assetJobs) != nil {
			return
		}
		roundTrip(t, "asset jobs page", assetJobs, &CARPage[CARAssetJob]{})
		for _, j := range assetJobs.List {
			out, truncated, err := j.Result()
			if err != nil {
				var fe FieldError
				if !errors.As(err, &fe) || fe.Field != "scriptResult" || strings.Contains(err.Error(), "\n") {
					t.Fatalf("Result error does not name scriptResult in one line: %q", err)
				}
				continue
			}
			if len(out) > MaxScriptResult {
				t.Fatalf("Result is %d bytes, over %d", len(out), MaxScriptResult)
			}
			full, _ := base64.StdEncoding.DecodeString(strings.TrimSpace(j.ScriptResult))
			if truncated != (len(full) > MaxScriptResult) || !bytes.HasPrefix(full, out) {
				t.Fatalf("Result (%d bytes, truncated %v) is not the start of the %d decoded bytes", len(out), truncated, len(full))
			}
		}
	})
}

// roundTrip checks that v encodes, decodes into fresh, and encodes again
// to the same bytes.
func roundTrip[T any](t *testing.T, what string, v T, fresh *T) {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s decodes but does not encode: %v", what, err)
	}
	if err := json.Unmarshal(out, fresh); err != nil {
		t.Fatalf("%s: own encoding does not decode: %v\n%s", what, err, out)
	}
	again, err := json.Marshal(*fresh)
	if err != nil || !bytes.Equal(out, again) {
		t.Fatalf("%s: encoding not stable (%v):\n%s\n%s", what, err, out, again)
	}
}
