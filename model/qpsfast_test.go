package model

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// slowDecode is DecodeResponse without its fast path.
func slowDecode(b []byte) (ServiceResponse, error) {
	var r ServiceResponse
	err := xml.Unmarshal(b, &r)
	return r, err
}

// sameAsEncodingXML fails when the fast path takes b and its result is
// not exactly encoding/xml's (or encoding/xml refuses b).
func sameAsEncodingXML(t *testing.T, b []byte) bool {
	t.Helper()
	fast, ok := decodeResponseFast(b)
	if !ok {
		return false
	}
	slow, err := slowDecode(b)
	if err != nil {
		t.Fatalf("fast path took what encoding/xml refuses (%v):\n%s", err, b)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("fast path differs from encoding/xml on\n%s\nfast %#v\nslow %#v", b, fast, slow)
	}
	return true
}

var fastSamples = []string{
	`<?xml version="1.0" encoding="UTF-8"?>
<ServiceResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="x.xsd">
  <responseCode>SUCCESS</responseCode><count>2</count><hasMoreRecords>true</hasMoreRecords><lastId>8</lastId>
  <data>
    <WasScanSchedule><id>7</id><name><![CDATA[ Nightly & <scan> ]]></name><owner><id>1</id><username>a&amp;b&#65;&#x42;&lt;</username></owner>
      <active> true </active><launchedCount></launchedCount><unknown><deep a='1'>x</deep></unknown>
      <target><webApps><count>2</count><list><WebApp><id>1</id><name><![CDATA[a]]></name></WebApp><WebApp><id>2</id></WebApp><other/></list></webApps>
        <tags><included><option>ANY</option><tagList><set><Tag><id>5</id><name>PCI</name></Tag></set></tagList></included></tags></target>
      <scheduling><occurrence><weeklyOccurrence><everyNWeeks>1</everyNWeeks><onDays><WeekDay>MONDAY</WeekDay><WeekDay>FRIDAY</WeekDay></onDays></weeklyOccurrence>
        <monthlyOccurrence><monthlyType><occurDayNbInMonth><dayNb>3</dayNb></occurDayNbInMonth></monthlyType>&amp;</monthlyOccurrence></occurrence></scheduling>
      <notification><recipients><list><EmailAddress><![CDATA[x@example.com]]></EmailAddress><EmailAddress>y@example.com</EmailAddress></list></recipients></notification>
      <type>VULN<x/>ERABILITY</type>
    </WasScanSchedule>
    <WasScanSchedule><id>8</id><target/><target><webApp><id>3</id></webApp></target><scheduling><occurrence><monthlyOccurrence/></occurrence></scheduling></WasScanSchedule>
  </data>
</ServiceResponse>
trailing <junk`,
	`<ServiceResponse xmlns="urn:q"><responseCode>INVALID_REQUEST</responseCode><responseErrorDetails><errorMessage>bad</errorMessage></responseErrorDetails></ServiceResponse>`,
	`<ServiceResponse/>`,
	`<ServiceResponse><COUNT>3</COUNT><data/></ServiceResponse>`,
}

// The fast path takes the answers QPS sends and binds them exactly as
// encoding/xml does, and it declines (leaving them to encoding/xml) what
// it does not read the same way.
func TestDecodeFastMatchesEncodingXML(t *testing.T) {
	for _, s := range fastSamples {
		if !sameAsEncodingXML(t, []byte(s)) {
			t.Errorf("fast path declined\n%s", s)
		}
	}
	files, _ := filepath.Glob("../testdata/seeds/*/*-response.xml")
	if len(files) == 0 {
		t.Fatal("no seed responses")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sameAsEncodingXML(t, b) // a seed file with \r is declined, and that is fine
	}
	for _, s := range []string{
		`<ServiceResponse><!-- c --><responseCode>SUCCESS</responseCode></ServiceResponse>`,
		`<ServiceResponse><responseCode>SUC&nbsp;CESS</responseCode></ServiceResponse>`,
		`<ServiceResponse><count>x</count></ServiceResponse>`,
		`<ServiceResponse><count>1</count>`,
		`<ServiceResponse><a></b></ServiceResponse>`,
		`<Other/>`,
		`<ServiceResponse><q:responseCode>X</q:responseCode></ServiceResponse>`,
		"<ServiceResponse><responseCode>A\x01</responseCode></ServiceResponse>",
		"<ServiceResponse><responseCode>\xff</responseCode></ServiceResponse>",
		`<ServiceResponse><responseCode>a]]>b</responseCode></ServiceResponse>`,
		`<ServiceResponse><data><WasScanSchedule><name>a<b/></name></WasScanSchedule></data></ServiceResponse>`,
	} {
		if sameAsEncodingXML(t, []byte(s)) {
			t.Errorf("fast path took\n%s", s)
		}
	}
}

// FuzzDecodeResponseFast holds the fast path to encoding/xml: whatever
// it takes, encoding/xml takes too and reads the same.
func FuzzDecodeResponseFast(f *testing.F) {
	for _, s := range fastSamples {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../testdata/seeds/*/*-response.xml")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sameAsEncodingXML(t, b)
		if _, err := DecodeResponse(b); err != nil {
			if _, serr := slowDecode(b); serr == nil {
				t.Fatalf("DecodeResponse refused what encoding/xml takes: %v", err)
			}
		}
	})
}
