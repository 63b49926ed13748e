package envlocale

import (
	"reflect"
	"testing"
)

func TestFix(t *testing.T) {
	tests := []struct {
		env, want map[string]string
	}{
		{map[string]string{}, map[string]string{"LC_MESSAGES": "en_US.UTF-8"}},
		{map[string]string{"LANG": "C"}, map[string]string{"LANG": "C", "LC_MESSAGES": "en_US.UTF-8"}},
		{map[string]string{"LANG": "C.UTF-8"}, map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}},
		{map[string]string{"LC_ALL": "POSIX", "LANG": "de_DE.UTF-8"}, map[string]string{"LANG": "de_DE.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, map[string]string{"LANG": "fr_FR.UTF-8"}},
		{map[string]string{"LC_MESSAGES": "ur_PK", "LANG": "C"}, map[string]string{"LC_MESSAGES": "ur_PK", "LANG": "C"}},
	}
	for _, tt := range tests {
		env := map[string]string{}
		for k, v := range tt.env {
			env[k] = v
		}
		Fix(func(k string) string { return env[k] },
			func(k, v string) error { env[k] = v; return nil },
			func(k string) error { delete(env, k); return nil })
		if !reflect.DeepEqual(env, tt.want) {
			t.Errorf("Fix(%v) = %v, want %v", tt.env, env, tt.want)
		}
	}
}
