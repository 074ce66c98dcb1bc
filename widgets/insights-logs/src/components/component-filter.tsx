/**
 * @module ComponentFilter: a combobox that filters the logs by component. People type a label
 * ("Read order") and pick from the components of their flows; the query gets the component's id.
 */
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStrings } from '@weft/ui-kit';
import { useInsightsStore } from '../hooks/use-insights-store.ts';
import { componentSuggestions, suggestionFor, type ComponentSuggestion } from '../store/component-suggestions.ts';

/** Flows whose components are looked up when the list opens without a flow picked. */
const FLOWS_TO_SUGGEST_FROM = 50;

export function ComponentFilter() {
  const t = useStrings();
  const id = useId();
  const listId = `${id}-list`;
  const componentId = useInsightsStore((s) => s.filters.componentId);
  const flowId = useInsightsStore((s) => s.filters.flowId);
  const setFilters = useInsightsStore((s) => s.setFilters);
  const resolveFlows = useInsightsStore((s) => s.resolveFlows);
  const flows = useInsightsStore((s) => s.flows);
  const source = useInsightsStore(useShallow((s) => ({ flowComponents: s.flowComponents, flowNames: s.flowNames, typeLabels: s.typeLabels })));
  const chosen = suggestionFor(source, componentId);
  const [text, setText] = useState(chosen?.name ?? componentId);
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const suggestions = useMemo(() => (isOpen ? componentSuggestions(source, text, flowId) : []), [isOpen, source, text, flowId]);

  // The filter changed elsewhere (the host, a pasted run id) or its component's name became known.
  useEffect(() => {
    if (!isOpen) setText(chosen?.name ?? componentId);
  }, [componentId, chosen?.name]);

  const open = () => {
    setOpen(true);
    setActive(0);
    // Labels come from the user's flows: learn those of the picked flow, else of the first flows listed.
    void resolveFlows(flowId ? [{ flowId }] : flows.slice(0, FLOWS_TO_SUGGEST_FROM).map((flow) => ({ flowId: flow.flowId })));
  };
  const choose = (suggestion: ComponentSuggestion) => {
    setText(suggestion.name);
    setOpen(false);
    if (suggestion.componentId !== componentId) setFilters({ componentId: suggestion.componentId });
  };
  const apply = () => {
    setOpen(false);
    const typed = text.trim();
    if (chosen && typed === chosen.name) return;
    // Typed and not picked: a name picks its component (the first, by flow, when several share it);
    // anything else is taken as an id, as links and older hosts pass it.
    const exact = componentSuggestions(source, typed, flowId).find((s) => s.name.toLowerCase() === typed.toLowerCase());
    if (exact) return choose(exact);
    if (typed !== componentId) setFilters({ componentId: typed });
  };
  const onChange = (value: string) => {
    setText(value);
    setActive(0);
    if (!isOpen) open();
    if (value.trim() === '' && componentId) setFilters({ componentId: '' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!isOpen) return open();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (suggestions.length === 0 ? 0 : (index + step + suggestions.length) % suggestions.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const picked = suggestions[active];
      if (isOpen && picked) choose(picked);
      else apply();
    } else if (event.key === 'Escape' && isOpen) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      setText(chosen?.name ?? componentId);
    }
  };

  const activeId = isOpen && suggestions[active] ? `${id}-option-${active}` : undefined;
  return (
    <div className="weft-field weft-il__combobox">
      <label htmlFor={id} className="weft-field__label">{t('insights.component')}</label>
      <input
        id={id}
        className="weft-input"
        role="combobox"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        autoComplete="off"
        placeholder={t('insights.componentPlaceholder')}
        title={componentId || undefined}
        size={16}
        value={text}
        onChange={(event) => onChange(event.target.value)}
        onFocus={open}
        onBlur={() => isOpen && apply()}
        onKeyDown={onKeyDown}
      />
      {isOpen ? (
        <ul id={listId} role="listbox" aria-label={t('insights.componentSuggestions')} className="weft-il__suggestions">
          {suggestions.length === 0 ? <li className="weft-il__suggestion weft-il__suggestion--none" role="presentation">{t('insights.componentNone')}</li> : null}
          {suggestions.map((suggestion, index) => (
            <li
              key={`${suggestion.flowId} ${suggestion.componentId}`}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              className="weft-il__suggestion"
              title={suggestion.componentId}
              // Keep focus in the box, so its blur does not apply the half-typed text first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(suggestion)}
            >
              <span className="weft-il__suggestion-name">{suggestion.name}</span>
              <span className="weft-il__suggestion-where">{t('insights.componentIn', { flow: suggestion.flowName, type: suggestion.typeLabel })}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
