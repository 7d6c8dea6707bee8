//! The step rail: one mark per step, the reader's step lit, each a link to its step.
//!
//! The marks are plain `#step-<id>` links, so they work before the wasm has loaded; with it, a
//! click lands on the step the way the keyboard does (straight there, focus moved, no history
//! entry).

use crate::scroll::observer::StepNav;
use crate::story::Story;
use leptos::prelude::*;

#[component]
pub fn StepRail(story: &'static Story, nav: StepNav) -> impl IntoView {
    let active = Memo::new(move |_| nav.state.get().index);
    let total = story.steps.len();
    let marks = story.steps.iter().enumerate().map(|(i, step)| {
        let label = format!(
            "Step {} of {total}: {}, {}",
            i + 1,
            step.title,
            step.time_label()
        );
        let go = move |ev: leptos::ev::MouseEvent| {
            // A modified click (new tab, new window) keeps its meaning.
            if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
                ev.prevent_default();
                nav.go_to(i);
            }
        };
        view! {
            <li>
                <a
                    href=format!("#step-{}", step.id)
                    aria-label=label
                    title=step.title.as_ref()
                    aria-current=move || (active.get() == i).then_some("step")
                    class:done=move || i < active.get()
                    data-testid="rail-step"
                    on:click=go
                >
                    <span class="rail-mark"></span>
                </a>
            </li>
        }
    });
    view! {
        <nav class="rail" aria-label="Steps of the story" data-testid="rail">
            <ol>{marks.collect_view()}</ol>
        </nav>
    }
}
