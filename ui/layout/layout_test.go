package layout

import (
	"slices"
	"testing"
)

func TestCompute(t *testing.T) {
	tests := []struct {
		name   string
		w, h   int
		tog    Toggles
		wide   bool
		want   map[Pane]Rect // exact rectangles that matter for this case
		hidden []Pane
	}{
		{name: "80x24 focus composer gives it room for the body", w: 80, h: 24, tog: Toggles{Focus: Composer},
			want: map[Pane]Rect{
				Composer:  {0, 0, 80, 8},
				Results:   {0, 8, 80, 9},
				Explainer: {0, 17, 80, 6},
			}},
		{name: "80x24 idle: the explainer gets the room", w: 80, h: 24, tog: Toggles{Focus: Composer, Idle: true},
			want: map[Pane]Rect{
				Results:   {0, 8, 80, 6},
				Explainer: {0, 14, 80, 9},
			}},
		{name: "80x24 idle with the results focused", w: 80, h: 24, tog: Toggles{Focus: Results, Idle: true},
			want: map[Pane]Rect{
				Results:   {0, 6, 80, 11},
				Explainer: {0, 17, 80, 6},
			}},
		{name: "80x24 focus results", w: 80, h: 24, tog: Toggles{Focus: Results},
			want: map[Pane]Rect{
				Composer:  {0, 0, 80, 6},
				Results:   {0, 6, 80, 11},
				Explainer: {0, 17, 80, 6},
			}},
		{name: "80x24 focus explainer swaps the shares", w: 80, h: 24, tog: Toggles{Focus: Explainer},
			want: map[Pane]Rect{
				Results:   {0, 6, 80, 6},
				Explainer: {0, 12, 80, 11},
			}},
		{name: "160x45 wide", w: 160, h: 45, wide: true, tog: Toggles{Focus: Results},
			want: map[Pane]Rect{
				Explainer: {0, 0, 64, 44},
				Composer:  {64, 0, 96, 9},
				Results:   {64, 9, 96, 35},
			}},
		{name: "zoom", w: 100, h: 30, tog: Toggles{Focus: Results, Zoom: true},
			want:   map[Pane]Rect{Results: {0, 0, 100, 29}},
			hidden: []Pane{Composer, Explainer}},
		{name: "composer asks for more lines", w: 120, h: 60, tog: Toggles{Focus: Results, ComposerLines: 10},
			want: map[Pane]Rect{Composer: {0, 0, 120, 12}}},
		{name: "composer capped at a third", w: 80, h: 24, tog: Toggles{Focus: Explainer, ComposerLines: 30},
			want: map[Pane]Rect{Composer: {0, 0, 80, 7}}},
		{name: "present leaves gaps", w: 200, h: 50, wide: true, tog: Toggles{Present: true, Focus: Explainer},
			want: map[Pane]Rect{
				Explainer: {0, 0, 80, 49},
				Composer:  {81, 0, 119, 9},
				Results:   {81, 10, 119, 39},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Compute(tt.w, tt.h, tt.tog)
			if l.TooSmall {
				t.Fatal("TooSmall at a usable size")
			}
			if l.Wide != tt.wide {
				t.Errorf("Wide = %v, want %v", l.Wide, tt.wide)
			}
			if want := (Rect{0, tt.h - 1, tt.w, 1}); l.Hint != want {
				t.Errorf("Hint = %v, want %v", l.Hint, want)
			}
			for p, want := range tt.want {
				if got := l.Pane(p); got != want {
					t.Errorf("%v = %v, want %v", p, got, want)
				}
			}
			for _, p := range tt.hidden {
				if !l.Pane(p).Empty() {
					t.Errorf("%v = %v, want hidden", p, l.Pane(p))
				}
			}
		})
	}
}

// TestComputeInvariants checks, over many sizes, that panes stay on screen, never overlap, leave
// the hint bar alone and are tall enough for a border and some content.
func TestComputeInvariants(t *testing.T) {
	for w := MinWidth; w <= 260; w += 7 {
		for h := MinHeight; h <= 80; h += 3 {
			for _, tog := range []Toggles{{}, {Focus: Explainer}, {Present: true, Focus: Results}} {
				l := Compute(w, h, tog)
				for p := Pane(0); p < NumPanes; p++ {
					r := l.Pane(p)
					if r.X < 0 || r.Y < 0 || r.X+r.W > w || r.Y+r.H > h-1 {
						t.Fatalf("%dx%d %+v: %v = %v leaves the body", w, h, tog, p, r)
					}
					if r.H < 3 || r.W < 10 {
						t.Fatalf("%dx%d %+v: %v = %v too small", w, h, tog, p, r)
					}
					for q := p + 1; q < NumPanes; q++ {
						if overlap(r, l.Pane(q)) {
							t.Fatalf("%dx%d: %v %v overlaps %v %v", w, h, p, r, q, l.Pane(q))
						}
					}
				}
			}
		}
	}
}

func overlap(a, b Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

func TestTooSmall(t *testing.T) {
	for _, sz := range [][2]int{{MinWidth - 1, 40}, {100, MinHeight - 1}, {0, 0}} {
		if l := Compute(sz[0], sz[1], Toggles{}); !l.TooSmall {
			t.Errorf("%dx%d: TooSmall = false", sz[0], sz[1])
		}
	}
}

func TestAt(t *testing.T) {
	l := Compute(80, 24, Toggles{})
	tests := []struct {
		x, y int
		want Pane
		ok   bool
	}{
		{0, 0, Composer, true},
		{79, 10, Results, true},
		{5, 22, Explainer, true},
		{5, 23, 0, false}, // the hint bar
		{80, 0, 0, false},
	}
	for _, tt := range tests {
		got, ok := l.At(tt.x, tt.y)
		if got != tt.want || ok != tt.ok {
			t.Errorf("At(%d,%d) = %v,%v want %v,%v", tt.x, tt.y, got, ok, tt.want, tt.ok)
		}
	}
}

func TestInset(t *testing.T) {
	if got, want := (Rect{2, 3, 10, 5}).Inset(1, 1), (Rect{3, 4, 8, 3}); got != want {
		t.Errorf("Inset = %v, want %v", got, want)
	}
	if got := (Rect{0, 0, 1, 1}).Inset(2, 2); !got.Empty() {
		t.Errorf("Inset past zero = %v, want empty", got)
	}
}

func TestPanesByX(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		t    Toggles
		want []Pane
	}{
		{"stacked", 80, 24, Toggles{}, []Pane{Composer, Results, Explainer}},
		{"wide", 200, 50, Toggles{}, []Pane{Explainer, Composer, Results}},
		{"zoomed", 200, 50, Toggles{Zoom: true, Focus: Results}, []Pane{Results}},
		{"too small", 20, 10, Toggles{}, []Pane{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(tt.w, tt.h, tt.t).PanesByX()
			if !slices.Equal(got, tt.want) {
				t.Errorf("PanesByX = %v, want %v", got, tt.want)
			}
		})
	}
}
