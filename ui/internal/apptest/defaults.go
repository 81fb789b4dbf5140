package apptest

import (
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/was"
)

func scriptsDefaults() scripts.Options { return scripts.Options{User: "demo"} }

func wasDefaults() was.Options { return was.Options{Platform: "demo"} }
