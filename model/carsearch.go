package model

import (
	"bytes"
	"encoding/json"
)

// CAREnvelope is the gateway's response envelope {errorCode, message, body}.
type CAREnvelope struct {
	ErrorCode *json.RawMessage `json:"errorCode"`
	Message   *string          `json:"message"`
	Body      json.RawMessage  `json:"body"`
}

// CARSuccess reports whether an errorCode means success (U34): null, "0" or 0.
func CARSuccess(code *json.RawMessage) bool {
	if code == nil {
		return true
	}
	c := string(bytes.TrimSpace(*code))
	return c == "null" || c == `"0"` || c == "0" || c == ""
}

// CARSearchRequest is the body of POST /sm/v1/scheduler/search (U35).
type CARSearchRequest struct {
	StartAt    string `json:"startAt,omitempty"`
	EndAt      string `json:"endAt,omitempty"`
	PageSize   int    `json:"pageSize"`
	PageNumber int    `json:"pageNumber"`
	Filter     string `json:"filter"`
	Sort       string `json:"sort,omitempty"`
}

// CARSearchBody is the body of a search response.
type CARSearchBody struct {
	TotalCount int             `json:"totalCount"`
	List       []CARSearchItem `json:"list"`
}

// CARSearchItem is one schedule in search results. The documented part is a
// string UUID id and customer fields (U32, U35); qsched's reading, kept
// here in one place, is the create body plus id, customerUuid and
// created.dateTime (epoch milliseconds). Decoding is lenient: fields the
// service adds are ignored.
type CARSearchItem struct {
	ID           string
	CustomerUUID string
	CreatedMs    int64
	Schedule     ScriptSchedule
}

type carItemMeta struct {
	ID           string `json:"id"`
	CustomerUUID string `json:"customerUuid,omitempty"`
	Created      struct {
		DateTime int64 `json:"dateTime"`
	} `json:"created"`
}

// MarshalJSON writes the schedule's fields followed by the item fields.
func (it CARSearchItem) MarshalJSON() ([]byte, error) {
	body, err := json.Marshal(it.Schedule)
	if err != nil {
		return nil, err
	}
	meta := carItemMeta{ID: it.ID, CustomerUUID: it.CustomerUUID}
	meta.Created.DateTime = it.CreatedMs
	m, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	// {schedule…} + {meta…} → {meta…, schedule…}
	out := append([]byte{}, m[:len(m)-1]...)
	if len(body) > 2 {
		out = append(out, ',')
		out = append(out, body[1:]...)
	} else {
		out = append(out, '}')
	}
	return out, nil
}

// UnmarshalJSON reads an item leniently.
func (it *CARSearchItem) UnmarshalJSON(b []byte) error {
	var meta carItemMeta
	if err := json.Unmarshal(b, &meta); err != nil {
		return err
	}
	var w wireSchedule
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*it = CARSearchItem{ID: meta.ID, CustomerUUID: meta.CustomerUUID, CreatedMs: meta.Created.DateTime, Schedule: fromWire(w)}
	return nil
}
